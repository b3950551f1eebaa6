// Notes on a contact and the contact's timeline: what the contact page shows.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { signInAs } from "../../../test/session.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createUser } from "../../domain/auth/users.ts";
import { TIMELINE_INTENTS_PER_SEND, type SurveyTimelineEntry } from "../../domain/contacts/timeline.ts";
import { listIntents, recordIntent } from "../../domain/sends/intents.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

async function setup() {
  const c = await testClient(open.db);
  const make = async (path: string, body: object) => {
    const res = await c.call("POST", path, body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const surveyId = await make("/api/v1/surveys", {
    name: "製品NPS",
    kind: "nps",
    status: "active",
    question: { ja: "薦めますか？" },
  });
  const touchpointId = await make("/api/v1/touchpoints", {
    name: "電話サポート",
    kind: "support",
    channel: "phone",
  });
  const contactId = await make("/api/v1/contacts", {
    name: "山田 太郎",
    email: `${randomUUID()}@example.jp`,
  });
  return { c, surveyId, touchpointId, contactId };
}

describe("POST /api/v1/contacts/:id/notes", () => {
  it("writes a note signed with the API key's name", async () => {
    const { c, contactId } = await setup();
    const key = (await c.call("POST", "/api/v1/api-keys", { name: "Support desk", role: "member" })).body;
    const res = await c.app.request(`/api/v1/contacts/${contactId}/notes`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "  電話で折り返し連絡済み。来週もう一度確認します。  " }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: expect.any(String),
      body: "電話で折り返し連絡済み。来週もう一度確認します。",
      author: "API key Support desk",
      createdAt: expect.any(String),
    });
  });

  it("signs a signed-in user's note with their name, or their email when they have none", async () => {
    const { c, contactId } = await setup();
    const named = `${randomUUID()}@example.jp`;
    const unnamed = `${randomUUID()}@example.jp`;
    await createUser(open.db, c.workspaceId, {
      email: named,
      password: "12345678",
      role: "member",
      name: "佐藤",
    });
    await createUser(open.db, c.workspaceId, { email: unnamed, password: "12345678", role: "admin" });
    const a = await signInAs(c, named, "12345678");
    const b = await signInAs(c, unnamed, "12345678");
    const first = await a.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "one" });
    const second = await b.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "two" });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((first.body as { author: string }).author).toBe("佐藤");
    expect((second.body as { author: string }).author).toBe(unnamed);
  });

  it("refuses viewers, empty and over-long notes", async () => {
    const { c, contactId } = await setup();
    const viewer = await c.as("viewer");
    const refused = await viewer.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "hi" });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/may not write notes/);
    for (const body of [{ body: "   " }, { body: "あ".repeat(5001) }, {}, { body: "x", pinned: true }]) {
      expect((await c.call("POST", `/api/v1/contacts/${contactId}/notes`, body)).status).toBe(422);
    }
    expect(
      (await c.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "あ".repeat(5000) })).status,
    ).toBe(201);
  });

  it("answers 404 for another workspace's contact, on notes and timeline alike", async () => {
    const mine = await setup();
    const theirs = await setup();
    const path = `/api/v1/contacts/${theirs.contactId}`;
    const note = await mine.c.call("POST", `${path}/notes`, { body: "peeking" });
    expect(note.status).toBe(404);
    expect(note.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await mine.c.call("GET", `${path}/timeline`)).status).toBe(404);
    expect((await mine.c.call("POST", `/api/v1/contacts/${randomUUID()}/notes`, { body: "x" })).status).toBe(
      404,
    );
    expect((await theirs.c.call("GET", `${path}/timeline`)).body.data).toEqual([]);
  });
});

describe("GET /api/v1/contacts/:id/timeline", () => {
  it("merges sends, responses and notes newest first, naming survey and touchpoint", async () => {
    const { c, surveyId, touchpointId, contactId } = await setup();
    const send = await c.call("POST", "/api/v1/sends", {
      surveyId,
      contactId,
      touchpointId,
      channel: "phone",
    });
    expect(send.status).toBe(201);
    const answer = await c.call("POST", "/api/v1/responses", {
      surveyId,
      contactId,
      touchpointId,
      channel: "phone",
      score: 3,
      comment: "待ち時間が長い",
    });
    expect(answer.status).toBe(201);
    const note = await c.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "折り返し電話済み" });

    const res = await c.call("GET", `/api/v1/contacts/${contactId}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      {
        type: "note",
        id: note.body.id,
        at: note.body.createdAt,
        body: "折り返し電話済み",
        author: expect.any(String),
      },
      {
        type: "response",
        id: answer.body.id,
        at: answer.body.createdAt,
        surveyId,
        surveyName: "製品NPS",
        touchpointId,
        touchpointName: "電話サポート",
        channel: "phone",
        score: 3,
        segment: "detractor",
        comment: "待ち時間が長い",
        contactPreference: null,
        testimonialConsent: null,
      },
      expect.objectContaining({
        type: "send",
        id: send.body.id,
        surveyName: "製品NPS",
        touchpointName: "電話サポート",
      }),
    ]);
  });

  it("gives a response without touchpoint a null touchpointName", async () => {
    const { c, surveyId, contactId } = await setup();
    await c.call("POST", "/api/v1/responses", { surveyId, contactId, score: 10 });
    const [entry] = (await c.call("GET", `/api/v1/contacts/${contactId}/timeline`)).body.data;
    expect(entry).toMatchObject({
      type: "response",
      surveyName: "製品NPS",
      touchpointId: null,
      touchpointName: null,
    });
  });

  it("loses the notes with the contact", async () => {
    const { c, contactId } = await setup();
    await c.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "to be deleted" });
    expect((await c.call("DELETE", `/api/v1/contacts/${contactId}`)).status).toBe(204);
    const left = await open.db
      .selectFrom("contact_notes")
      .select("id")
      .where("workspace_id", "=", c.workspaceId)
      .execute();
    expect(left).toEqual([]);
    expect((await c.call("GET", `/api/v1/contacts/${contactId}/timeline`)).status).toBe(404);
  });

  it("keeps a note's author after the author is deleted", async () => {
    const { c, contactId } = await setup();
    const address = `${randomUUID()}@example.jp`;
    const user = await createUser(open.db, c.workspaceId, {
      email: address,
      password: "12345678",
      role: "member",
      name: "鈴木",
    });
    const session = await signInAs(c, address, "12345678");
    await session.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "引き継ぎます" });
    expect((await c.call("DELETE", `/api/v1/users/${user.id}`)).status).toBe(204);
    const [entry] = (await c.call("GET", `/api/v1/contacts/${contactId}/timeline`)).body.data;
    expect(entry).toMatchObject({ type: "note", author: "鈴木", body: "引き継ぎます" });
  });
});

describe("GET /api/v1/contacts/:id/timeline: a send's score clicks", () => {
  const browser = {
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36",
  };

  async function activeSend() {
    const { c, surveyId, touchpointId, contactId } = await setup();
    const send = await c.call("POST", "/api/v1/sends", {
      surveyId,
      contactId,
      touchpointId,
      channel: "email",
    });
    expect(send.status).toBe(201);
    return { c, contactId, send: send.body as { id: string; scoreUrls: string[] } };
  }
  const sendEntry = async (c: TestClient, contactId: string, sendId: string) => {
    const res = await c.call("GET", `/api/v1/contacts/${contactId}/timeline`);
    expect(res.status).toBe(200);
    const entries = res.body.data as SurveyTimelineEntry[];
    return entries.find((e) => e.type === "send" && e.id === sendId);
  };

  it("shows each click's verdict, reason and time; an accepted click becomes the answer", async () => {
    const { c, contactId, send } = await activeSend();
    const open = (score: number, method = "GET") =>
      c.app.request(send.scoreUrls[score]!.replace("http://koe.test", ""), { method, headers: browser });
    // Three scores within seconds (a scanner's burst), then a link check with HEAD.
    for (const score of [9, 10, 3]) expect((await open(score)).status).toBe(200);
    await open(5, "HEAD");

    const before = await sendEntry(c, contactId, send.id);
    expect(before).toMatchObject({
      responseId: null,
      intentCounts: { bot: 4, pending: 0, confirmed: 0 },
    });
    const intents = before?.intents ?? [];
    expect(intents).toEqual([
      { id: expect.any(String), score: 9, verdict: "bot", reason: "burst", createdAt: expect.any(String) },
      { id: expect.any(String), score: 10, verdict: "bot", reason: "burst", createdAt: expect.any(String) },
      { id: expect.any(String), score: 3, verdict: "bot", reason: "burst", createdAt: expect.any(String) },
      {
        id: expect.any(String),
        score: 5,
        verdict: "bot",
        reason: "head request",
        createdAt: expect.any(String),
      },
    ]);
    expect(Number.isNaN(Date.parse(intents[0]!.createdAt))).toBe(false);

    // Accepting is for those who may override a verdict (admins and owners), as the admin app shows it.
    const accept = `/api/v1/sends/${send.id}/intents/${intents[0]!.id}/accept`;
    expect((await (await c.as("member")).call("POST", accept)).status).toBe(403);
    const accepted = await c.call("POST", accept);
    expect(accepted.status).toBe(200);

    const timeline = (await c.call("GET", `/api/v1/contacts/${contactId}/timeline`)).body.data;
    expect(timeline[0]).toMatchObject({ type: "response", id: accepted.body.responseId, score: 9 });
    const after = await sendEntry(c, contactId, send.id);
    expect(after).toMatchObject({
      responseId: accepted.body.responseId,
      intentCounts: { bot: 3, pending: 0, confirmed: 1 },
      intents: [{ score: 9, verdict: "confirmed", reason: "accepted by an admin" }, {}, {}, {}],
    });
  });

  it(`shows a send's newest ${TIMELINE_INTENTS_PER_SEND} clicks and how many there are in all`, async () => {
    const { c, contactId, send } = await activeSend();
    const signals = { method: "GET", userAgent: "curl/8.5.0", purpose: "" };
    for (let i = 0; i < TIMELINE_INTENTS_PER_SEND + 5; i++)
      await recordIntent(c.db, c.workspaceId, send.id, i % 11, signals, new Date());
    const all = await listIntents(c.db, c.workspaceId, send.id);
    const entry = await sendEntry(c, contactId, send.id);
    expect(entry?.intentCounts).toEqual({ bot: TIMELINE_INTENTS_PER_SEND + 5, pending: 0, confirmed: 0 });
    expect(entry?.intents?.map((i) => i.id)).toEqual(all.slice(5).map((i) => i.id));
    expect(entry?.intents?.[0]?.reason).toBe("scanner user agent");
  });
});
