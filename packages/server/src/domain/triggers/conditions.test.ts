import { describe, expect, it } from "vitest";
import { conditionResults, matchesConditions } from "./conditions.ts";
import { conditionsSchema } from "./trigger-schema.ts";

const event = {
  touchpointId: "0190a000-0000-7000-8000-000000000001",
  metadata: { plan: "pro", orderTotal: 6200, firstOrder: true, coupon: null, total: "5000" },
};
const matches = (conditions: unknown) => matchesConditions(conditionsSchema.parse(conditions), event);

describe("trigger conditions", () => {
  it("match everything when empty, and need every condition to hold", () => {
    expect(matches({})).toBe(true);
    expect(matches({ "metadata.plan": "pro", "metadata.orderTotal": { gte: 5000 } })).toBe(true);
    expect(matches({ "metadata.plan": "pro", "metadata.orderTotal": { gte: 7000 } })).toBe(false);
  });

  it("compare equality by type as well as value", () => {
    expect(matches({ "metadata.firstOrder": true })).toBe(true);
    expect(matches({ "metadata.total": 5000 })).toBe(false);
    expect(matches({ "metadata.total": "5000" })).toBe(true);
    expect(matches({ "metadata.plan": "Pro" })).toBe(false);
  });

  it("take `in` lists and numeric bounds, inclusive", () => {
    expect(matches({ "metadata.plan": { in: ["team", "pro"] } })).toBe(true);
    expect(matches({ "metadata.plan": { in: ["free"] } })).toBe(false);
    expect(matches({ "metadata.orderTotal": { gte: 6200, lte: 6200 } })).toBe(true);
    expect(matches({ "metadata.orderTotal": { lte: 6199 } })).toBe(false);
    // A number written as text is not a number.
    expect(matches({ "metadata.total": { gte: 1 } })).toBe(false);
  });

  it("fail on a key the event lacks or holds as null", () => {
    expect(matches({ "metadata.region": "kanto" })).toBe(false);
    expect(matches({ "metadata.coupon": { in: ["X"] } })).toBe(false);
    expect(matches({ "metadata.toString": { in: ["x"] } })).toBe(false);
  });

  it("compare `touchpoint` with the event's touchpoint id", () => {
    expect(matches({ touchpoint: event.touchpointId })).toBe(true);
    expect(matches({ touchpoint: { in: ["other", event.touchpointId] } })).toBe(true);
    expect(matchesConditions({ touchpoint: event.touchpointId }, { ...event, touchpointId: null })).toBe(
      false,
    );
  });

  it("refuse unknown keys, empty ranges, touchpoint ranges and too many conditions", () => {
    const paths = (v: unknown) => conditionsSchema.safeParse(v).error?.issues.map((i) => i.path.join("."));
    expect(paths({ plan: "pro" })).toEqual(["plan"]);
    expect(paths({ "metadata.orderTotal": {} })).toEqual(["metadata.orderTotal"]);
    expect(paths({ "metadata.orderTotal": { gte: "5000" } })).toEqual(["metadata.orderTotal"]);
    expect(paths({ touchpoint: { gte: 1 } })).toEqual(["touchpoint"]);
    expect(paths({ "metadata.plan": { in: [] } })).toEqual(["metadata.plan"]);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`metadata.k${i}`, i]));
    expect(conditionsSchema.safeParse(many).success).toBe(false);
  });
});

describe("trigger condition results", () => {
  it("judge each condition as the match does, with the event's value", () => {
    const conditions = conditionsSchema.parse({
      "metadata.plan": "pro",
      "metadata.orderTotal": { gte: 7000 },
      "metadata.coupon": "SPRING",
      "metadata.region": { in: ["kanto"] },
    });
    const results = conditionResults(conditions, event);
    expect(results).toEqual([
      { key: "metadata.plan", condition: "pro", value: "pro", holds: true },
      { key: "metadata.orderTotal", condition: { gte: 7000 }, value: 6200, holds: false },
      { key: "metadata.coupon", condition: "SPRING", value: null, holds: false },
      { key: "metadata.region", condition: { in: ["kanto"] }, value: undefined, holds: false },
    ]);
    expect(results.every((r) => r.holds)).toBe(matchesConditions(conditions, event));
  });
});
