import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { ValidationError } from "../errors.ts";
import type { EventInput } from "./event-schema.ts";
import { getEvent, receiveEvent } from "./events.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

/** The clock's time every event here arrives at. */
const host = { messageHost: "koe.test", now: new Date("2026-12-03T09:00:00Z") };
let seq = 0;
const eventId = () => `evt_${Date.now()}_${seq++}`;

/** A workspace with a CSAT survey, a touchpoint and one trigger rule. */
async function setUp(trigger: Record<string, unknown> = {}) {
  const api: TestClient = await testClient(open.db);
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "Post-chat CSAT",
    kind: "csat",
    question: { en: "How satisfied were you with our chat?" },
    status: "active",
  });
  const touchpoint = await api.call("POST", "/api/v1/touchpoints", {
    name: "Chat",
    kind: "support",
    channel: "chat",
  });
  const created = await api.call("POST", "/api/v1/triggers", {
    name: "After chat",
    eventType: "chat.closed",
    surveyId: survey.body.id,
    ...trigger,
  });
  expect(created.status).toBe(201);
  return {
    api,
    surveyId: survey.body.id as string,
    touchpointId: touchpoint.body.id as string,
    trigger: created.body,
  };
}

const chat = (over: Partial<EventInput> = {}): EventInput => ({
  id: eventId(),
  type: "chat.closed",
  contact: { email: "hanako@example.jp" },
  ...over,
});

async function count(table: "sends" | "deliveries" | "contacts" | "events", workspaceId: string) {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(open.db);
  return r.rows[0]!.n;
}

describe("receiving an event", () => {
  it("makes one send for a matching trigger, its first email queued after the delay", async () => {
    const { api, surveyId, touchpointId, trigger } = await setUp({
      delaySeconds: 3600,
      conditions: { "metadata.plan": "pro", "metadata.orderTotal": { gte: 5000 } },
    });
    const input = chat({ touchpointId, metadata: { plan: "pro", orderTotal: 6200, eventId: "spoofed" } });
    const result = await receiveEvent(open.db, api.workspaceId, input, host);
    expect(result.duplicate).toBe(false);
    expect(result.sends).toHaveLength(1);
    const [s] = result.sends;
    expect(s!.triggerId).toBe(trigger.id);
    // Due the trigger's delay after the clock's time, to the millisecond: the database's own clock plays no part.
    expect(s!.dueAt).toBe("2026-12-03T10:00:00.000Z");

    const send = await api.call("GET", `/api/v1/sends/${s!.id}`);
    expect(send.body).toMatchObject({
      surveyId,
      touchpointId,
      channel: "email",
      metadata: { plan: "pro", orderTotal: 6200, eventId: input.id, triggerId: trigger.id },
    });
    expect(send.body.expiresAt).toBe("2027-01-02T09:00:00.000Z");
    expect(send.body.createdAt).toBe("2026-12-03T09:00:00.000Z");
    const delivery = await open.db
      .selectFrom("deliveries")
      .selectAll()
      .where("workspace_id", "=", api.workspaceId)
      .where("send_id", "=", s!.id)
      .execute();
    expect(delivery).toHaveLength(1);
    expect(delivery[0]).toMatchObject({
      step: 0,
      status: "queued",
      message_id: `<${delivery[0]!.id}@koe.test>`,
    });

    const stored = await getEvent(open.db, api.workspaceId, input.id);
    expect(stored).toMatchObject({
      type: "chat.closed",
      touchpointId,
      sends: [{ id: s!.id, status: "queued" }],
    });
    expect(stored.contactId).toBe(send.body.contactId);
  });

  it("makes none for a wrong type, a false condition, an inactive trigger or a closed survey", async () => {
    const { api, surveyId } = await setUp({ conditions: { "metadata.plan": { in: ["pro", "team"] } } });
    const none = async (input: EventInput) =>
      expect((await receiveEvent(open.db, api.workspaceId, input, host)).sends).toEqual([]);
    await none(chat({ type: "order.delivered", metadata: { plan: "pro" } }));
    await none(chat({ metadata: { plan: "free" } }));
    await none(chat({ metadata: {} }));
    const inactive = await setUp({ active: false });
    const off = await receiveEvent(open.db, inactive.api.workspaceId, chat(), host);
    expect(off.sends).toEqual([]);
    await api.call("PATCH", `/api/v1/surveys/${surveyId}`, { status: "closed" });
    await none(chat({ metadata: { plan: "pro" } }));
    expect(await count("sends", api.workspaceId)).toBe(0);
    // The events are still recorded, with their contact.
    expect(await count("events", api.workspaceId)).toBe(4);
  });

  it("makes one send per matching trigger, the trigger's touchpoint when the event has none", async () => {
    const { api, surveyId, touchpointId } = await setUp({ delaySeconds: 0 });
    const second = await api.call("POST", "/api/v1/triggers", {
      name: "After chat, by touchpoint",
      eventType: "chat.closed",
      surveyId,
      touchpointId,
      delaySeconds: 600,
    });
    const result = await receiveEvent(open.db, api.workspaceId, chat(), host);
    expect(result.sends.map((s) => s.triggerId).sort()).toEqual(
      [second.body.id, (await api.call("GET", "/api/v1/triggers")).body.data[1].id].sort(),
    );
    const tps = await open.db
      .selectFrom("sends")
      .select("touchpoint_id")
      .where("workspace_id", "=", api.workspaceId)
      .orderBy("touchpoint_id")
      .execute();
    expect(tps.map((t) => t.touchpoint_id)).toEqual([touchpointId, null]);
  });

  it("gives one send for an id posted twice, one after the other", async () => {
    const { api } = await setUp();
    const input = chat();
    const first = await receiveEvent(open.db, api.workspaceId, input, host);
    // A retry, even with a changed body, returns the first result.
    const again = await receiveEvent(open.db, api.workspaceId, { ...input, type: "other" }, host);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await count("sends", api.workspaceId)).toBe(1);
  });

  it("gives one send for an id posted twice at once", async () => {
    const { api } = await setUp();
    const input = chat({ contact: { email: "concurrent@example.jp", name: "並行 花子" } });
    const results = await Promise.all(
      [1, 2, 3].map(() => receiveEvent(open.db, api.workspaceId, input, host)),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const ids = results.map((r) => r.sends.map((s) => s.id));
    expect(new Set(ids.flat()).size).toBe(1);
    expect(await count("sends", api.workspaceId)).toBe(1);
    expect(await count("deliveries", api.workspaceId)).toBe(1);
    expect(await count("contacts", api.workspaceId)).toBe(1);
  });

  it("creates a contact given by email once, finds it again and fills only what it lacks", async () => {
    const { api } = await setUp();
    const a = await receiveEvent(
      open.db,
      api.workspaceId,
      chat({ contact: { email: "Taro@Example.JP" } }),
      host,
    );
    // Different events about one new person at once still make one contact.
    await Promise.all(
      [1, 2].map(() =>
        receiveEvent(
          open.db,
          api.workspaceId,
          chat({ contact: { email: "taro@example.jp", name: "山田 太郎", timeZone: "Asia/Tokyo" } }),
          host,
        ),
      ),
    );
    await receiveEvent(
      open.db,
      api.workspaceId,
      chat({ contact: { email: "taro@example.jp", name: "Other" } }),
      host,
    );
    const contacts = await api.call("GET", "/api/v1/contacts");
    expect(contacts.body.data).toHaveLength(1);
    expect(contacts.body.data[0]).toMatchObject({
      email: "taro@example.jp",
      name: "山田 太郎",
      timeZone: "Asia/Tokyo",
    });
    const sent = await getEvent(open.db, api.workspaceId, a.eventId);
    expect(sent.contactId).toBe(contacts.body.data[0].id);
    expect(await count("sends", api.workspaceId)).toBe(4);
  });

  it("finds a contact by externalId before email, and by id", async () => {
    const { api } = await setUp();
    const known = await api.call("POST", "/api/v1/contacts", {
      email: "crm@example.jp",
      externalId: "cus_42",
    });
    const byExternal = await receiveEvent(
      open.db,
      api.workspaceId,
      chat({ contact: { externalId: "cus_42", email: "new-address@example.jp" } }),
      host,
    );
    const byId = await receiveEvent(open.db, api.workspaceId, chat({ contact: { id: known.body.id } }), host);
    for (const r of [byExternal, byId])
      expect((await getEvent(open.db, api.workspaceId, r.eventId)).contactId).toBe(known.body.id);
    expect(await count("contacts", api.workspaceId)).toBe(1);
  });

  it("rejects an unknown contact or touchpoint, leaving nothing behind so the id can be used again", async () => {
    const { api, touchpointId } = await setUp();
    const id = eventId();
    const unknown = "0190a000-0000-7000-8000-0000000000ff";
    const fails = (input: EventInput) => receiveEvent(open.db, api.workspaceId, input, host);
    await expect(fails(chat({ id, contact: { id: unknown } }))).rejects.toMatchObject({
      issues: [{ path: "contact.id" }],
    });
    await expect(
      fails(chat({ id, contact: { email: "x@example.jp" }, touchpointId: unknown })),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await count("events", api.workspaceId)).toBe(0);
    expect(await count("contacts", api.workspaceId)).toBe(0);
    const ok = await receiveEvent(open.db, api.workspaceId, chat({ id, touchpointId }), host);
    expect(ok).toMatchObject({ eventId: id, duplicate: false });
    expect(ok.sends).toHaveLength(1);
  });

  it("keeps events apart by workspace", async () => {
    const one = await setUp();
    const two = await setUp();
    const id = eventId();
    await receiveEvent(open.db, one.api.workspaceId, chat({ id }), host);
    const other = await receiveEvent(open.db, two.api.workspaceId, chat({ id }), host);
    expect(other.duplicate).toBe(false);
    expect(other.sends).toHaveLength(1);
  });
});
