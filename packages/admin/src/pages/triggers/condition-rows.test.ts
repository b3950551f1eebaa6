import { describe, expect, it } from "vitest";
import { conditionsOf, newRow, rowsOf, sampleMetadata } from "./condition-rows.ts";

describe("trigger condition rows", () => {
  it("round-trip the shapes a person edits", () => {
    const conditions = {
      "metadata.plan": "pro",
      "metadata.orderTotal": { gte: 5000 },
      "metadata.firstOrder": true,
      "metadata.region": { in: ["kanto", "kansai"] },
      "metadata.score": { in: [1, 2] },
      touchpoint: "0190a000-0000-7000-8000-000000000001",
    };
    const rows = rowsOf(conditions);
    expect(rows).not.toBeNull();
    expect(conditionsOf(rows!)).toEqual({ conditions, problems: {} });
  });

  it("leave to the JSON editor what rows cannot show", () => {
    expect(rowsOf({ touchpoint: { in: ["a", "b"] } })).toBeNull();
    expect(rowsOf({ "metadata.x": { in: ["a", 1] } })).toBeNull();
    expect(rowsOf({ "metadata.x": { in: ["a,b"] } })).toBeNull();
  });

  it("keep numbers typed as numbers apart from text, and name each incomplete row", () => {
    const rows = [
      newRow({ key: "total", type: "number", value: "5000" }),
      newRow({ key: "code", type: "text", value: "5000" }),
      newRow({ key: "", value: "x" }),
      newRow({ key: "total", value: "again" }),
      newRow({ key: "n", type: "number", value: "lots" }),
      newRow({ key: "span", op: "range" }),
      newRow({ key: "tags", op: "in", value: "a、 b ,, c" }),
    ];
    const { conditions, problems } = conditionsOf(rows);
    expect(conditions).toEqual({
      "metadata.total": 5000,
      "metadata.code": "5000",
      "metadata.tags": { in: ["a", "b", "c"] },
    });
    expect(Object.values(problems)).toEqual([
      "key.required",
      "key.duplicate",
      "value.number",
      "range.required",
    ]);
  });

  it("build sample metadata that meets the conditions", () => {
    expect(
      sampleMetadata({ "metadata.plan": { in: ["pro"] }, "metadata.total": { lte: 90 }, touchpoint: "x" }),
    ).toEqual({ plan: "pro", total: 90 });
  });
});
