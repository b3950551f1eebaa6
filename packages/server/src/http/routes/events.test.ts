import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer } from "../../channels/email/smtp-mailer.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createMailWorker } from "../../jobs/mail-worker.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { startTestSmtp, type TestSmtp } from "../../../test/smtp.ts";

let open: OpenDatabase;
let smtp: TestSmtp;

beforeAll(async () => {
  open = await openTestDatabase();
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await open.close();
});

const expectProblem = (res: { status: number; headers: Headers }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
};

/** A workspace with quiet hours off, a CSAT survey and a post-chat trigger. */
async function setUp(delaySeconds = 0): Promise<{ api: TestClient; triggerId: string }> {
  const api = await testClient(open.db);
  await api.call("PATCH", "/api/v1/workspace", {
    settings: { fatigue: { quietStart: "00:00", quietEnd: "00:00" }, sender: { address: "cs@koe.test" } },
  });
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "Post-chat CSAT",
    kind: "csat",
    question: {
      ja: "チャットサポートにどのくらい満足されましたか？",
      en: "How satisfied were you with our chat?",
    },
    status: "active",
  });
  const trigger = await api.call("POST", "/api/v1/triggers", {
    name: "After chat",
    eventType: "chat.closed",
    surveyId: survey.body.id,
    conditions: { "metadata.rating_requested": true },
    delaySeconds,
  });
  return { api, triggerId: trigger.body.id };
}

const chatClosed = (id: string, email: string) => ({
  id,
  type: "chat.closed",
  contact: { email, name: "佐藤 花子", locale: "ja" },
  metadata: { rating_requested: true, agent: "suzuki" },
});

describe("/api/v1/events", () => {
  it("answers 201 with the send the first time and the same send, marked a duplicate, for a retry", async () => {
    const { api, triggerId } = await setUp(900);
    const first = await api.call("POST", "/api/v1/events", chatClosed("chat-1001", "hanako@example.jp"));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ eventId: "chat-1001", duplicate: false, sends: [{ triggerId }] });
    const again = await api.call("POST", "/api/v1/events", chatClosed("chat-1001", "hanako@example.jp"));
    // Answered as the first time was (an operation has one success status), marked as a duplicate.
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, duplicate: true });

    const both = await Promise.all(
      [1, 2].map(() => api.call("POST", "/api/v1/events", chatClosed("chat/1002 ✓", "hanako@example.jp"))),
    );
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both.map((r) => r.body.duplicate).sort()).toEqual([false, true]);
    expect(both[0]!.body.sends).toEqual(both[1]!.body.sends);

    const got = await api.call("GET", `/api/v1/events/${encodeURIComponent("chat/1002 ✓")}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: "chat/1002 ✓",
      type: "chat.closed",
      metadata: { agent: "suzuki" },
      sends: [{ id: both[0]!.body.sends[0].id, triggerId, status: "queued", reason: null }],
    });
    expectProblem(await api.call("GET", "/api/v1/events/never-sent"), 404);
    expectProblem(await api.call("GET", `/api/v1/events/${"x".repeat(201)}`), 404);
    const contacts = await api.call("GET", "/api/v1/contacts");
    expect(contacts.body.data).toHaveLength(1);
  });

  it("answers problem+json naming the field", async () => {
    const { api } = await setUp();
    const pathsOf = async (b: unknown) => {
      const res = await api.call("POST", "/api/v1/events", b);
      expectProblem(res, 422);
      return res.body.errors.map((e: { path: string }) => e.path);
    };
    const ok = chatClosed("v-1", "v@example.jp");
    expect(await pathsOf({ ...ok, id: "" })).toEqual(["id"]);
    expect(await pathsOf({ ...ok, id: "x".repeat(201) })).toEqual(["id"]);
    expect(await pathsOf({ ...ok, type: undefined })).toEqual(["type"]);
    expect(await pathsOf({ ...ok, contact: { email: "not-an-address" } })).toEqual(["contact.email"]);
    expect(await pathsOf({ ...ok, contact: {} })).toEqual(["contact.email"]);
    expect(
      await pathsOf({ ...ok, contact: { id: "0190a000-0000-7000-8000-0000000000ff", email: "a@b.co" } }),
    ).toEqual(["contact.id"]);
    expect(await pathsOf({ ...ok, contact: { id: "0190a000-0000-7000-8000-0000000000ff" } })).toEqual([
      "contact.id",
    ]);
    expect(await pathsOf({ ...ok, contact: { email: "a@b.co", timeZone: "Mars/Olympus" } })).toEqual([
      "contact.timeZone",
    ]);
    expect(await pathsOf({ ...ok, touchpointId: "0190a000-0000-7000-8000-0000000000ff" })).toEqual([
      "touchpointId",
    ]);
    expect(await pathsOf({ ...ok, metadata: { nested: { a: 1 } } })).toEqual(["metadata.nested"]);
    // Koe's mark of a campaign's test send, whose answers count nowhere, cannot come from outside.
    expect(await pathsOf({ ...ok, metadata: { test: true } })).toEqual(["metadata.test"]);
    const send = await api.call("POST", "/api/v1/sends", {
      surveyId: "0190a000-0000-7000-8000-0000000000ff",
      metadata: { test: false },
    });
    expectProblem(send, 422);
    expect(send.body.errors.map((e: { path: string }) => e.path)).toContain("metadata.test");
    // A rejected event is not recorded: the same id goes through once fixed.
    expect((await api.call("POST", "/api/v1/events", ok)).status).toBe(201);
  });

  it("refuses NUL in an event, naming the field, and finds no event whose id holds one", async () => {
    const { api } = await setUp();
    const ok = chatClosed("nul-1", "nul@example.jp");
    const nul = [
      [{ ...ok, id: "a\u0000b" }, "id"],
      [{ ...ok, type: "chat.closed\u0000" }, "type"],
      [{ ...ok, metadata: { agent: "v\u0000" } }, "metadata.agent"],
      [{ ...ok, contact: { email: "nul@example.jp", name: "a\u0000" } }, "contact.name"],
    ] as const;
    for (const [b, path] of nul) {
      const res = await api.call("POST", "/api/v1/events", b);
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expectProblem(await api.call("GET", "/api/v1/events/a%00b"), 404);
  });

  it("lets a member post events and a viewer only read them", async () => {
    const { api } = await setUp();
    const member = await api.as("member");
    expect((await member.call("POST", "/api/v1/events", chatClosed("m-1", "m@example.jp"))).status).toBe(201);
    const viewer = await api.as("viewer");
    expectProblem(await viewer.call("POST", "/api/v1/events", chatClosed("m-2", "m@example.jp")), 403);
    expect((await viewer.call("GET", "/api/v1/events/m-1")).status).toBe(200);
    expectProblem(await viewer.call("GET", "/api/v1/events/m-2"), 404);
  });

  it("ends as one email to the contact, sent by the mail worker", async () => {
    const { api } = await setUp(0);
    const posted = await api.call("POST", "/api/v1/events", chatClosed("chat-e2e", "e2e-trigger@example.jp"));
    expect(posted.status).toBe(201);
    // A second, non-matching event about the same person makes no email.
    await api.call("POST", "/api/v1/events", {
      ...chatClosed("chat-e2e-2", "e2e-trigger@example.jp"),
      metadata: {},
    });
    const links = { secret: TEST_SECRET, baseUrl: "http://koe.test" };
    const mailer = smtpMailer(smtp.url);
    const worker = createMailWorker({ db: open.db, mailer, links, workspaceId: api.workspaceId });
    for (let i = 0; i < 20 && (await worker.tick()) > 0; i++);
    // The next chat the same day matches too, but the fatigue rule holds its email back, with the rule.
    await api.call("POST", "/api/v1/events", chatClosed("chat-e2e-3", "e2e-trigger@example.jp"));
    for (let i = 0; i < 20 && (await worker.tick()) > 0; i++);
    await mailer.close();
    const held = await api.call("GET", "/api/v1/events/chat-e2e-3");
    expect(held.body.sends).toMatchObject([{ status: "skipped", reason: "within_24h" }]);

    const mail = smtp.messages.filter(
      (m) => m.to && "text" in m.to && m.to.text === "e2e-trigger@example.jp",
    );
    expect(mail).toHaveLength(1);
    expect(String(mail[0]?.html)).toMatch(/http:\/\/koe\.test\/r\/[^"?]+\?score=5/);
    const event = await api.call("GET", "/api/v1/events/chat-e2e");
    expect(event.body.sends).toMatchObject([{ status: "sent" }]);
    expect(mail[0]?.messageId).toBe(
      (
        await open.db
          .selectFrom("deliveries")
          .select("message_id")
          .where("workspace_id", "=", api.workspaceId)
          .where("send_id", "=", event.body.sends[0].id)
          .executeTakeFirstOrThrow()
      ).message_id,
    );
  });
});
