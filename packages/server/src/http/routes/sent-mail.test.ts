import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, type Mailer } from "../../channels/email/mailer.ts";
import { ManualClock } from "../../clock.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createUser } from "../../domain/auth/users.ts";
import { unsubscribeUrl } from "../../domain/suppressions/unsubscribe-token.ts";
import { createMailWorker } from "../../jobs/mail-worker.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { signInAs } from "../../../test/session.ts";
import { startTestSmtp, type TestSmtp } from "../../../test/smtp.ts";

let open: OpenDatabase;
let smtp: TestSmtp;
let mailer: Mailer;
const clock = new ManualClock(Date.parse("2026-12-01T03:00:00Z"));
const links = { secret: TEST_SECRET, baseUrl: "http://koe.test" };

beforeAll(async () => {
  open = await openTestDatabase();
  smtp = await startTestSmtp();
  mailer = createMailer(open.db, smtp.url, clock);
});
afterAll(async () => {
  await mailer.close();
  await smtp.close();
  await open.close();
});

type Entry = { id: string; status: string; to: string; [k: string]: unknown };

/** A workspace whose campaign to two contacts has gone through `mailer` (quiet hours off). */
async function sentCampaign(api: TestClient, through: Mailer, failFirst = false) {
  await api.call("PATCH", "/api/v1/workspace", {
    settings: { fatigue: { quietStart: "00:00", quietEnd: "00:00" }, sender: { address: "cs@koe.test" } },
  });
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "Relationship NPS",
    kind: "nps",
    question: {
      ja: "友人や同僚に勧める可能性はどのくらいありますか？",
      en: "How likely are you to recommend us?",
    },
    status: "active",
  });
  for (const [email, name] of [
    ["sato@example.jp", "佐藤 花子"],
    ["kato@example.jp", "加藤 一郎"],
  ])
    expect((await api.call("POST", "/api/v1/contacts", { email, name, locale: "ja" })).status).toBe(201);
  const campaign = await api.call("POST", "/api/v1/campaigns", {
    name: "Q4 relationship",
    surveyId: survey.body.id,
    audience: { kind: "all" },
  });
  expect((await api.call("POST", `/api/v1/campaigns/${campaign.body.id}/launch`)).status).toBe(200);
  if (failFirst) smtp.failNext(1, 550);
  const worker = createMailWorker({
    db: open.db,
    mailer: through,
    links,
    workspaceId: api.workspaceId,
    clock,
  });
  for (let i = 0; i < 20 && (await worker.tick()) > 0; i++);
  return { surveyId: survey.body.id as string, campaignId: campaign.body.id as string };
}

const log = async (api: TestClient, query = "") => {
  const res = await api.call("GET", `/api/v1/sent-mail${query}`);
  expect(res.status).toBe(200);
  return res.body.data as Entry[];
};

describe("the sent-mail log", () => {
  it("shows an SMTP send with its rendered message, and a refused one with the server's reply", async () => {
    const api = await testClient(open.db, { deps: { mailer, clock } });
    const { campaignId, surveyId } = await sentCampaign(api, mailer, true);
    const entries = await log(api);
    expect(entries).toHaveLength(2);
    const failed = entries.find((e) => e.status === "failed")!;
    const sent = entries.find((e) => e.status === "sent")!;
    expect(failed).toMatchObject({
      transport: "smtp",
      kept: true,
      campaign: { id: campaignId, name: "Q4 relationship" },
      survey: { id: surveyId, name: "Relationship NPS" },
      test: false,
      step: 0,
    });
    expect(failed.error).toMatch(/550/);
    expect(failed.error).toContain("try again later");
    expect(sent).toMatchObject({
      transport: "smtp",
      kept: true,
      error: null,
      contact: { name: expect.any(String) },
    });
    expect(sent.sentAt).toBe(new Date(clock.now()).toISOString());
    // What the SMTP server received is what the log keeps.
    expect(smtp.messages.filter((m) => m.messageId === sent.messageId)).toHaveLength(1);
    const received = smtp.messages.find((m) => m.messageId === sent.messageId)!;
    const detail = await api.call("GET", `/api/v1/sent-mail/${sent.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.subject).toBe(received.subject);
    expect(detail.body.text.trim()).toBe(String(received.text).trim());
    expect(detail.body.headers["Message-ID"]).toBe(sent.messageId);
    const html = await api.app.request(`/api/v1/sent-mail/${sent.id}/html`, {
      headers: { authorization: `Bearer ${api.key}` },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-security-policy")).toContain("sandbox");
    const body = await html.text();
    const link = /http:\/\/koe\.test\/r\/[^"?]+\?score=9/.exec(String(received.html))?.[0];
    expect(link).toBeDefined();
    expect(body).toContain(link);
    // The outbox transport's own list stays what it was: mail kept instead of sent.
    expect((await api.call("GET", "/api/v1/outbox")).body.data).toEqual([]);
  });

  it("filters by status, campaign, survey, recipient or name, and period, and pages by cursor", async () => {
    const api = await testClient(open.db, { deps: { mailer, clock } });
    const { campaignId, surveyId } = await sentCampaign(api, mailer);
    expect(await log(api, "?status=sent")).toHaveLength(2);
    expect(await log(api, "?status=failed")).toHaveLength(0);
    expect(await log(api, `?campaign=${campaignId}`)).toHaveLength(2);
    expect(await log(api, `?survey=${surveyId}`)).toHaveLength(2);
    expect(await log(api, `?campaign=${crypto.randomUUID()}`)).toHaveLength(0);
    expect((await log(api, "?q=SATO@")).map((e) => e.to)).toEqual(["sato@example.jp"]);
    expect((await log(api, `?q=${encodeURIComponent("加藤")}`)).map((e) => e.to)).toEqual([
      "kato@example.jp",
    ]);
    expect(await log(api, "?q=%25")).toHaveLength(0); // a % is a percent sign, not "anything"
    const at = new Date(clock.now());
    expect(await log(api, `?since=${new Date(at.getTime() + 1000).toISOString()}`)).toHaveLength(0);
    expect(
      await log(api, `?since=${at.toISOString()}&until=${new Date(at.getTime() + 1).toISOString()}`),
    ).toHaveLength(2);
    const first = await api.call("GET", "/api/v1/sent-mail?limit=1");
    const second = await api.call("GET", `/api/v1/sent-mail?limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.data[0].id, second.body.data[0].id].sort()).toEqual(
      (await log(api)).map((e) => e.id).sort(),
    );
    expect(second.body.nextCursor).toBeNull();
    expect((await api.call("GET", "/api/v1/sent-mail?status=lost")).status).toBe(422);
    expect((await api.call("GET", `/api/v1/sent-mail/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("marks a message bounced or complained from the provider's webhook, by Message-ID or else by recipient", async () => {
    const api = await testClient(open.db, { deps: { mailer, clock } });
    await sentCampaign(api, mailer);
    const before = await log(api);
    const sato = before.find((e) => e.to === "sato@example.jp")!;
    const kato = before.find((e) => e.to === "kato@example.jp")!;
    await clock.advance(3_600_000);
    const bounce = await api.call("POST", "/api/v1/suppressions/webhook", {
      type: "bounce",
      email: "SATO@example.jp",
    });
    expect(bounce.body).toEqual({ suppressed: 1, ignored: 0, marked: 1 });
    // Amazon SES passes our Message-ID on in the notification's common headers.
    const complaint = await api.call("POST", "/api/v1/suppressions/webhook", {
      notificationType: "Complaint",
      complaint: { complainedRecipients: [{ emailAddress: "kato@example.jp" }] },
      mail: { messageId: "ses-own-id", commonHeaders: { messageId: kato.messageId } },
    });
    expect(complaint.body).toMatchObject({ marked: 1 });
    const after = await log(api);
    expect(after.find((e) => e.id === sato.id)).toMatchObject({
      status: "bounced",
      outcomeSource: "webhook:generic",
      outcomeAt: new Date(clock.now()).toISOString(),
    });
    expect(after.find((e) => e.id === kato.id)).toMatchObject({
      status: "complained",
      outcomeSource: "webhook:ses",
    });
    expect((await log(api, "?status=bounced")).map((e) => e.id)).toEqual([sato.id]);
    expect(await log(api, "?status=sent")).toHaveLength(0);
    // A later bounce does not turn a complaint back into a bounce; an unknown address marks nothing.
    await api.call("POST", "/api/v1/suppressions/webhook", { type: "bounce", email: "kato@example.jp" });
    expect((await log(api, "?status=complained")).map((e) => e.id)).toEqual([kato.id]);
    const nobody = await api.call("POST", "/api/v1/suppressions/webhook", {
      type: "bounce",
      email: "x@example.jp",
    });
    expect(nobody.body).toMatchObject({ suppressed: 1, marked: 0 });
  });

  it("keeps the outbox transport's messages in the same log", async () => {
    const api = await testClient(open.db, { deps: { clock } });
    const { outboxMailer } = await import("../../channels/email/outbox-mailer.ts");
    await sentCampaign(api, outboxMailer(open.db));
    const entries = await log(api);
    expect(entries.map((e) => [e.status, e.transport, e.kept])).toEqual([
      ["sent", "outbox", true],
      ["sent", "outbox", true],
    ]);
    expect((await api.call("GET", "/api/v1/outbox")).body.data).toHaveLength(2);
  });
});

describe("who may open a message", () => {
  it("lets a viewer list the log but not open a message, whose links would answer or unsubscribe as the customer", async () => {
    const api = await testClient(open.db, { deps: { clock } });
    const { outboxMailer } = await import("../../channels/email/outbox-mailer.ts");
    await sentCampaign(api, outboxMailer(open.db));
    const viewer = await api.as("viewer");
    const member = await api.as("member");
    const listed = await viewer.call("GET", "/api/v1/sent-mail");
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(2);
    // The list names recipients and subjects, never a personal link or the headers that carry one.
    const listText = JSON.stringify(listed.body);
    expect(listText).not.toMatch(/\/r\/|unsubscribe|List-Unsubscribe|score=/i);
    for (const e of listed.body.data as Entry[]) expect(Object.keys(e)).not.toContain("headers");
    const [entry] = listed.body.data as Entry[];
    const [kept] = (await api.call("GET", "/api/v1/outbox")).body.data as { id: string }[];
    const contents = [
      `/api/v1/sent-mail/${entry!.id}`,
      `/api/v1/sent-mail/${entry!.id}/html`,
      `/api/v1/outbox/${kept!.id}`,
      `/api/v1/outbox/${kept!.id}/html`,
    ];
    for (const path of contents) {
      const refused = await viewer.app.request(path, { headers: { authorization: `Bearer ${viewer.key}` } });
      expect(refused.status, path).toBe(403);
      expect(await refused.text(), path).not.toMatch(/\/r\/|unsubscribe/i);
      const shown = await member.app.request(path, { headers: { authorization: `Bearer ${member.key}` } });
      expect(shown.status, path).toBe(200);
    }
    // The outbox transport's own list carries each message's text and headers: members only as well.
    expect((await viewer.call("GET", "/api/v1/outbox")).status).toBe(403);
    expect((await member.call("GET", "/api/v1/outbox")).status).toBe(200);
  });
});

describe("an erasure while a message is being sent", () => {
  it("keeps no copy of the message to the erased contact; the others keep theirs", async () => {
    const api = await testClient(open.db, { deps: { mailer, clock } });
    let erased: string | undefined;
    // The erasure lands after the message was claimed and rendered, before its copy is written.
    const erasingFirst: Mailer = {
      kind: "smtp",
      async send(mail, hooks) {
        if (mail.to === "sato@example.jp") {
          const contact = await open.db
            .selectFrom("contacts")
            .select("id")
            .where("workspace_id", "=", api.workspaceId)
            .where("email", "=", mail.to)
            .executeTakeFirstOrThrow();
          const erase = await api.call("POST", `/api/v1/contacts/${contact.id}/erase`);
          expect(erase.status).toBe(200);
          erased = mail.messageId;
        }
        await mailer.send(mail, hooks);
      },
      close: async () => {},
    };
    await sentCampaign(api, erasingFirst);
    expect(erased).toBeDefined();
    const kept = await open.db
      .selectFrom("outbox")
      .select(["message_id", "to_address"])
      .where("workspace_id", "=", api.workspaceId)
      .execute();
    expect(kept.map((k) => k.to_address)).toEqual(["kato@example.jp"]);
    const entries = await log(api);
    expect(entries.find((e) => e.messageId === erased)).toMatchObject({
      kept: false,
      to: null,
      contact: null,
    });
    expect(entries.find((e) => e.to === "kato@example.jp")).toMatchObject({ kept: true });
  });
});

describe("GET /api/v1/outbox/transport", () => {
  it("names the SMTP server without its credentials, or the outbox", async () => {
    const smtpApi = await testClient(open.db, { deps: { mailer } });
    expect((await smtpApi.call("GET", "/api/v1/outbox/transport")).body).toEqual({
      transport: "smtp",
      server: smtp.url,
    });
    const secret = createMailer(open.db, "smtps://mailer:hunter2@mail.example.com:465?pool=true", clock);
    const withCredentials = await testClient(open.db, { deps: { mailer: secret } });
    const shown = await withCredentials.call("GET", "/api/v1/outbox/transport");
    expect(shown.body).toEqual({ transport: "smtp", server: "smtps://mail.example.com:465" });
    await secret.close();
    const outbox = await testClient(open.db);
    expect((await outbox.call("GET", "/api/v1/outbox/transport")).body).toEqual({
      transport: "outbox",
      server: null,
    });
  });
});

describe("suppressions: where each came from", () => {
  it("tells the unsubscribe link, a provider's event, a person in the admin app and the API apart", async () => {
    const api = await testClient(open.db);
    await createUser(open.db, api.workspaceId, {
      email: "cx@example.jp",
      password: "correct horse",
      role: "admin",
    });
    const person = await signInAs(api, "cx@example.jp", "correct horse");
    expect(
      (
        await person.call("POST", "/api/v1/suppressions", {
          email: "Manual@example.jp",
          reason: "manual",
          note: "電話で依頼あり",
        })
      ).status,
    ).toBe(201);
    await api.call("POST", "/api/v1/suppressions", { email: "api@example.jp", reason: "manual" });
    await api.call("POST", "/api/v1/suppressions", {
      email: "crm@example.jp",
      reason: "unsubscribed",
      source: "hubspot",
    });
    await api.call("POST", "/api/v1/suppressions/webhook", { type: "complaint", email: "spam@example.jp" });
    await api.call("POST", "/api/v1/contacts", { email: "link@example.jp" });
    const unsubscribe = new URL(
      unsubscribeUrl("http://koe.test", TEST_SECRET, api.workspaceId, "link@example.jp"),
    );
    const page = await api.app.request(unsubscribe.pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(page.status).toBe(200);
    const list = await api.call("GET", "/api/v1/suppressions");
    const byEmail = Object.fromEntries(
      (list.body.data as { email: string; origin: string; source: string; note: string | null }[]).map(
        (s) => [s.email, [s.origin, s.source, s.note]],
      ),
    );
    expect(byEmail).toEqual({
      "manual@example.jp": ["manual", "admin", "電話で依頼あり"],
      "api@example.jp": ["api", "api", null],
      "crm@example.jp": ["api", "hubspot", null],
      "spam@example.jp": ["provider", "webhook:generic", null],
      "link@example.jp": ["unsubscribe", "one-click", null],
    });
    const found = await api.call("GET", "/api/v1/suppressions?q=EXAMPLE.JP&reason=manual");
    expect(found.body.data.map((s: { email: string }) => s.email).sort()).toEqual([
      "api@example.jp",
      "manual@example.jp",
    ]);
    expect((await api.call("GET", "/api/v1/suppressions?q=spa")).body.data).toHaveLength(1);
    expect((await api.call("GET", "/api/v1/suppressions?q=_")).body.data).toHaveLength(0);
  });
});
