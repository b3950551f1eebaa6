// Trying a trigger on a sample event: the verdict agrees with what posting the event does, every reason
// is named, and nothing is written (no event, contact, send, message or domain event).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let triggerId: string;
// 11:00 in Tokyo, the test workspace's zone: outside quiet hours.
const clock = new ManualClock("2026-12-07T02:00:00Z");

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db, { deps: { clock } });
  const survey = await c.call("POST", "/api/v1/surveys", {
    name: "After delivery",
    kind: "nps",
    status: "active",
    question: { ja: "おすすめしますか？" },
  });
  surveyId = survey.body.id;
  const trigger = await c.call("POST", "/api/v1/triggers", {
    name: "Delivered",
    eventType: "order.delivered",
    surveyId,
    delaySeconds: 3600,
    conditions: { "metadata.plan": "pro", "metadata.orderTotal": { gte: 5000 } },
  });
  triggerId = trigger.body.id;
  await c.call("POST", "/api/v1/contacts", { email: "hanako@example.jp", name: "山田 花子" });
});
afterAll(() => open.close());

/** Everything an event or a send writes, counted for this workspace. */
async function written() {
  const { rows } = await sql<Record<string, string>>`
    select
      (select count(*) from events where workspace_id = ${c.workspaceId}) as events,
      (select count(*) from contacts where workspace_id = ${c.workspaceId}) as contacts,
      (select count(*) from sends where workspace_id = ${c.workspaceId}) as sends,
      (select count(*) from deliveries where workspace_id = ${c.workspaceId}) as deliveries,
      (select count(*) from outbox where workspace_id = ${c.workspaceId}) as outbox,
      (select count(*) from domain_events where workspace_id = ${c.workspaceId}) as domain_events`.execute(
    open.db,
  );
  return rows[0];
}

const sample = (over: Record<string, unknown> = {}) => ({
  type: "order.delivered",
  contact: { email: "hanako@example.jp" },
  metadata: { plan: "pro", orderTotal: 6200 },
  ...over,
});
const tryStored = (event: unknown, id = triggerId) =>
  c.call("POST", `/api/v1/triggers/${id}/test`, { event });

describe("trying a trigger on a sample event", () => {
  it("says it fires for a matching event, when the email would go, and writes nothing", async () => {
    const before = await written();
    const res = await tryStored(sample());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fires: true,
      reasons: [],
      delivery: { decision: "send", dueAt: "2026-12-07T03:00:00.000Z", until: null },
      contact: { match: "email", email: "hanako@example.jp", name: "山田 花子" },
      conditions: [
        { key: "metadata.plan", condition: "pro", value: "pro", holds: true },
        { key: "metadata.orderTotal", condition: { gte: 5000 }, value: 6200, holds: true },
      ],
    });
    expect(await written()).toEqual(before);

    // Posting the same event for real does make the send the dry run foresaw.
    const real = await c.call("POST", "/api/v1/events", { id: "order-1", ...sample() });
    expect(real.status).toBe(201);
    expect(real.body.sends).toEqual([
      expect.objectContaining({ triggerId, dueAt: "2026-12-07T03:00:00.000Z" }),
    ]);
  });

  it("names every reason it would not fire: event type, paused rule, each failed condition", async () => {
    const paused = await c.call("POST", "/api/v1/triggers", {
      name: "Paused",
      eventType: "order.delivered",
      surveyId,
      active: false,
      conditions: { "metadata.plan": { in: ["pro", "team"] }, "metadata.orderTotal": { gte: 5000 } },
    });
    const before = await written();
    const res = await tryStored(
      sample({ type: "order.shipped", metadata: { plan: "free", orderTotal: "7000" } }),
      paused.body.id,
    );
    expect(res.status).toBe(200);
    expect(res.body.fires).toBe(false);
    expect(res.body.reasons.map((r: { code: string; key?: string }) => r.key ?? r.code)).toEqual([
      "event_type",
      "inactive",
      "metadata.plan",
      "metadata.orderTotal",
    ]);
    expect(res.body.reasons[2].message).toBe('metadata.plan is "free", not one of "pro", "team"');
    expect(res.body.reasons[3].message).toBe('metadata.orderTotal is "7000" (not a number), not ≥ 5000');
    expect(await written()).toEqual(before);

    // The same event posted for real makes no send of that rule either.
    const real = await c.call("POST", "/api/v1/events", {
      id: "order-2",
      ...sample({ type: "order.shipped", metadata: { plan: "free", orderTotal: "7000" } }),
    });
    expect(real.body.sends).toEqual([]);
  });

  it("says when the survey is not active, the contact id is unknown, or a key is missing", async () => {
    const draft = await c.call("POST", "/api/v1/surveys", {
      name: "Draft",
      kind: "nps",
      question: { en: "Recommend?" },
    });
    const res = await c.call("POST", "/api/v1/triggers/test", {
      trigger: {
        eventType: "order.delivered",
        surveyId: draft.body.id,
        active: false,
        conditions: { "metadata.plan": "pro" },
      },
      event: {
        type: "order.delivered",
        contact: { id: "00000000-0000-7000-8000-000000000000" },
        metadata: {},
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fires: false, delivery: null, contact: { match: "unknown", id: null } });
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual([
      "inactive",
      "survey_not_active",
      "condition",
      "contact_unknown",
    ]);
    expect(res.body.reasons[2].message).toBe("the event has no metadata.plan");
  });

  it("fires for a contact the event would create, without creating it", async () => {
    const before = await written();
    const res = await c.call("POST", "/api/v1/triggers/test", {
      trigger: { eventType: "signup", surveyId },
      event: { type: "signup", contact: { email: "new.person@example.com", externalId: "u-77" } },
    });
    expect(res.body).toMatchObject({
      fires: true,
      contact: { match: "new", id: null, email: "new.person@example.com" },
      delivery: { decision: "send", dueAt: "2026-12-07T02:00:00.000Z" },
    });
    expect(await written()).toEqual(before);
    // Known only by an external id, with no address: the send would be made, its email skipped.
    const noAddress = await c.call("POST", "/api/v1/triggers/test", {
      trigger: { eventType: "signup", surveyId },
      event: { type: "signup", contact: { externalId: "u-78" } },
    });
    expect(noAddress.body).toMatchObject({ fires: true, delivery: { decision: "skip" } });
    expect(noAddress.body.reasons.map((r: { code: string }) => r.code)).toEqual(["no_email"]);
  });

  it("applies the fatigue rule as the mail worker would when the email is due", async () => {
    await c.call("POST", "/api/v1/suppressions", { email: "gone@example.com", reason: "unsubscribed" });
    const suppressed = await tryStored(sample({ contact: { email: "gone@example.com" } }));
    expect(suppressed.body).toMatchObject({ fires: true, delivery: { decision: "skip" } });
    expect(suppressed.body.reasons.map((r: { code: string }) => r.code)).toEqual(["suppressed"]);

    // Due at 23:30 in Tokyo: it waits for the end of quiet hours.
    clock.set(new Date("2026-12-07T13:30:00Z"));
    const night = await c.call("POST", "/api/v1/triggers/test", {
      trigger: { eventType: "signup", surveyId },
      event: { type: "signup", contact: { email: "night@example.com" } },
    });
    expect(night.body).toMatchObject({ fires: true, reasons: [], delivery: { decision: "postpone" } });
    expect(new Date(night.body.delivery.until).getTime()).toBeGreaterThan(clock.now());
    clock.set(new Date("2026-12-07T02:00:00Z"));
  });

  it("refuses a malformed sample, and is open to every role that reads triggers", async () => {
    const bad = await tryStored({ type: "has space", contact: {} });
    expect(bad.status).toBe(422);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["event.type", "event.contact.email"]));
    expect((await tryStored(sample(), "00000000-0000-7000-8000-000000000000")).status).toBe(404);
    const viewer = await c.as("viewer");
    const seen = await viewer.call("POST", `/api/v1/triggers/${triggerId}/test`, { event: sample() });
    expect(seen.status).toBe(200);
    expect(seen.body.fires).toBe(true);
  });
});
