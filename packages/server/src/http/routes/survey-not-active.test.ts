// Only an active survey takes answers (domain/surveys/accepts-answers.ts), and nothing invites people to
// one that does not: a send, a campaign launch or resume and an active trigger are refused with a 409 that
// says to activate the survey first; a personal link or link survey of a draft or closed survey records
// nothing; a message still queued for one is skipped with the reason.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import { campaignTestSend } from "../../../test/test-send.ts";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { signSendToken } from "../../domain/sends/token.ts";
import { createMailWorker } from "../../jobs/mail-worker.ts";

let open: OpenDatabase;
let c: TestClient;
let contactId: string;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  contactId = (await c.call("POST", "/api/v1/contacts", { email: "hanako@example.jp", locale: "ja" })).body
    .id;
});
afterAll(() => open.close());

async function newSurvey(status: "draft" | "active" | "closed"): Promise<string> {
  const res = await c.call("POST", "/api/v1/surveys", {
    name: `NPS ${status}`,
    kind: "nps",
    status,
    question: { ja: "おすすめしますか？", en: "Would you recommend us?" },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const setStatus = async (id: string, status: string) =>
  expect((await c.call("PATCH", `/api/v1/surveys/${id}`, { status })).status).toBe(200);

/** The 409 every refusal gives: problem+json, its type, the survey, and what to do. */
function expectNotActive(
  res: { status: number; body: any; headers: Headers }, // eslint-disable-line @typescript-eslint/no-explicit-any -- test body
  surveyId: string,
  status: string,
) {
  expect(res.status).toBe(409);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body).toMatchObject({
    type: "urn:koe:problem:survey-not-active",
    status: 409,
    surveyId,
    surveyStatus: status,
  });
  expect(res.body.detail).toContain("activate it first");
}

const linkOf = (sendId: string) =>
  `/r/${signSendToken(TEST_SECRET, {
    workspaceId: c.workspaceId,
    sendId,
    expiresAt: new Date(Date.now() + 86_400_000),
  })}`;

async function page(path: string, init: RequestInit = {}) {
  const res = await c.app.request(path, init);
  return { status: res.status, text: await res.text() };
}

const responsesOf = (surveyId: string) =>
  c.db
    .selectFrom("responses")
    .select("id")
    .where("workspace_id", "=", c.workspaceId)
    .where("survey_id", "=", surveyId)
    .execute();

describe("POST /api/v1/sends", () => {
  it("is refused for a draft and for a closed survey, and makes a send once the survey is active", async () => {
    for (const status of ["draft", "closed"] as const) {
      const surveyId = await newSurvey(status);
      const res = await c.call("POST", "/api/v1/sends", { surveyId, contactId });
      expectNotActive(res, surveyId, status);
      const { rows } = await sql`select 1 from sends where workspace_id = ${c.workspaceId}
        and survey_id = ${surveyId}`.execute(c.db);
      expect(rows).toHaveLength(0);
      await setStatus(surveyId, "active");
      expect((await c.call("POST", "/api/v1/sends", { surveyId, contactId })).status).toBe(201);
    }
  });
});

describe("campaigns", () => {
  it("a draft survey's campaign is not launched (409, still a draft); after activating it launches", async () => {
    const surveyId = await newSurvey("draft");
    const created = await c.call("POST", "/api/v1/campaigns", {
      name: "Q4",
      surveyId,
      audience: { kind: "all" },
    });
    expect(created.status).toBe(201); // a campaign may be prepared while its survey is written
    const id = created.body.id;
    expectNotActive(await c.call("POST", `/api/v1/campaigns/${id}/launch`), surveyId, "draft");
    expect((await c.call("GET", `/api/v1/campaigns/${id}`)).body).toMatchObject({
      status: "draft",
      launchedAt: null,
    });
    await setStatus(surveyId, "active");
    expect((await c.call("POST", `/api/v1/campaigns/${id}/launch`)).body.status).toBe("scheduled");
  });

  it("a paused campaign whose survey closed is not resumed", async () => {
    const surveyId = await newSurvey("active");
    const id = (
      await c.call("POST", "/api/v1/campaigns", { name: "Q1", surveyId, audience: { kind: "all" } })
    ).body.id;
    await c.call("POST", `/api/v1/campaigns/${id}/launch`);
    expect((await c.call("POST", `/api/v1/campaigns/${id}/pause`)).body.status).toBe("paused");
    await setStatus(surveyId, "closed");
    expectNotActive(await c.call("POST", `/api/v1/campaigns/${id}/resume`), surveyId, "closed");
    expect((await c.call("GET", `/api/v1/campaigns/${id}`)).body.status).toBe("paused");
  });

  it("a queued message whose survey went back to a draft is skipped with the reason, not sent", async () => {
    const ws = await testClient(open.db);
    await ws.call("PATCH", "/api/v1/workspace", {
      settings: { fatigue: { quietStart: "00:00", quietEnd: "00:00" } },
    });
    await ws.call("POST", "/api/v1/contacts", { email: "taro@example.jp", locale: "ja" });
    const surveyId = (
      await ws.call("POST", "/api/v1/surveys", {
        name: "NPS",
        kind: "nps",
        status: "active",
        question: { ja: "おすすめしますか？" },
      })
    ).body.id;
    const id = (
      await ws.call("POST", "/api/v1/campaigns", { name: "Q2", surveyId, audience: { kind: "all" } })
    ).body.id;
    expect((await ws.call("POST", `/api/v1/campaigns/${id}/launch`)).status).toBe(200);
    const worker = createMailWorker({
      db: open.db,
      mailer: outboxMailer(open.db),
      links: { secret: TEST_SECRET, baseUrl: "http://koe.test" },
      workspaceId: ws.workspaceId,
      batch: 0, // expands the audience, claims nothing
    });
    await worker.tick();
    expect((await ws.call("PATCH", `/api/v1/surveys/${surveyId}`, { status: "draft" })).status).toBe(200);
    const sender = createMailWorker({
      db: open.db,
      mailer: outboxMailer(open.db),
      links: { secret: TEST_SECRET, baseUrl: "http://koe.test" },
      workspaceId: ws.workspaceId,
    });
    await sender.tick();
    const progress = (await ws.call("GET", `/api/v1/campaigns/${id}/progress`)).body;
    expect(progress).toMatchObject({ sent: 0, skipped: 1, skippedBy: { survey_not_active: 1 } });
    expect((await ws.call("GET", "/api/v1/outbox")).body.data).toHaveLength(0);
  });
});

describe("triggers", () => {
  it("an active trigger is refused on a draft survey; an inactive one waits until the survey is active", async () => {
    const surveyId = await newSurvey("draft");
    const rule = { name: "After chat", eventType: "chat.closed", surveyId };
    expectNotActive(await c.call("POST", "/api/v1/triggers", rule), surveyId, "draft");
    const inactive = await c.call("POST", "/api/v1/triggers", { ...rule, active: false });
    expect(inactive.status).toBe(201);
    const id = inactive.body.id;
    expectNotActive(await c.call("PATCH", `/api/v1/triggers/${id}`, { active: true }), surveyId, "draft");
    await setStatus(surveyId, "active");
    expect((await c.call("PATCH", `/api/v1/triggers/${id}`, { active: true })).body.active).toBe(true);
  });

  it("a trigger whose survey went back to a draft or closed makes no send when its event comes", async () => {
    const surveyId = await newSurvey("active");
    await c.call("POST", "/api/v1/triggers", { name: "After order", eventType: "order.delivered", surveyId });
    const event = (n: number) => ({
      id: `order-${surveyId}-${n}`,
      type: "order.delivered",
      contact: { email: "hanako@example.jp" },
    });
    expect((await c.call("POST", "/api/v1/events", event(1))).body.sends).toHaveLength(1);
    for (const [n, status] of [
      [2, "draft"],
      [3, "closed"],
    ] as const) {
      await setStatus(surveyId, status);
      const res = await c.call("POST", "/api/v1/events", event(n));
      expect(res.status).toBeLessThan(300);
      expect(res.body.sends).toEqual([]);
    }
  });
});

describe("personal links", () => {
  it.each(["draft", "closed"] as const)(
    "of a survey now %s show the closed page on every step and record nothing",
    async (status) => {
      const surveyId = await newSurvey("active");
      const send = (await c.call("POST", "/api/v1/sends", { surveyId, contactId })).body;
      const open = await page(linkOf(send.id));
      expect(open.status).toBe(200);
      const ft = /name="ft" value="([^"]+)"/.exec(open.text)?.[1] ?? "";
      await setStatus(surveyId, status);

      const link = linkOf(send.id);
      const shown = await page(`${link}?score=9`);
      expect(shown.status).toBe(410);
      expect(shown.text).toContain("このアンケートは終了しました"); // the contact's language
      const form = { "content-type": "application/x-www-form-urlencoded" };
      const body = new URLSearchParams({ ft, score: "9", step: "done", nojs: "1" }).toString();
      expect((await page(link, { method: "POST", headers: form, body })).status).toBe(410);
      expect((await page(`${link}/confirm`, { method: "POST", headers: form, body })).status).toBe(410);
      expect(await responsesOf(surveyId)).toHaveLength(0);
      const { rows } = await sql`select 1 from intents where workspace_id = ${c.workspaceId}
        and send_id = ${send.id}`.execute(c.db);
      expect(rows).toHaveLength(0);
    },
  );

  it("of a campaign's test send open on a draft survey, so the flow can be tried before it goes live", async () => {
    const surveyId = await newSurvey("draft");
    const sendId = await campaignTestSend(c, surveyId);
    const shown = await page(linkOf(sendId));
    expect(shown.status).toBe(200);
    await setStatus(surveyId, "closed");
    expect((await page(linkOf(sendId))).status).toBe(410);
  });
});

describe("link surveys", () => {
  it("of a draft are not found, of a closed survey say it is closed, and neither records an answer", async () => {
    const draft = await newSurvey("draft");
    expect((await page(`/s/${draft}`)).status).toBe(404);
    const surveyId = await newSurvey("active");
    const shown = await page(`/s/${surveyId}`);
    const ft = /name="ft" value="([^"]+)"/.exec(shown.text)?.[1] ?? "";
    await setStatus(surveyId, "closed");
    const closed = await page(`/s/${surveyId}`, { headers: { "accept-language": "ja" } });
    expect(closed.status).toBe(410);
    expect(closed.text).toContain("このアンケートは終了しました");
    const post = await page(`/s/${surveyId}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ft, score: "9", step: "done", nojs: "1" }).toString(),
    });
    expect(post.status).toBe(410);
    expect(await responsesOf(surveyId)).toHaveLength(0);
  });
});
