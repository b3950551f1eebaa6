// A campaign's progress counts what will actually happen: reminders only for people who will get one,
// messages held with their reason and until when, and queued messages the worker will skip, by rule. Each
// test then lets the worker act and checks it did what the progress said.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createMailWorker, type MailWorker } from "../../jobs/mail-worker.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { newId } from "../ids.ts";

let open: OpenDatabase;
const links = { secret: TEST_SECRET, baseUrl: "http://koe.test" };
const DAY = 86_400_000;

beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

/** A workspace with an active survey and contacts (on UTC clocks); quiet hours off unless given. */
async function setUp(emails: string[], quiet?: { quietStart: string; quietEnd: string }) {
  const api = await testClient(open.db);
  await api.call("PATCH", "/api/v1/workspace", {
    settings: { fatigue: quiet ?? { quietStart: "00:00", quietEnd: "00:00" } },
  });
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "Relationship NPS",
    kind: "nps",
    question: { ja: "薦める可能性は？" },
    defaultLocale: "ja",
    status: "active",
  });
  const ids: Record<string, string> = {};
  for (const email of emails)
    ids[email] = (await api.call("POST", "/api/v1/contacts", { email, timeZone: "UTC" })).body.id;
  return { api, surveyId: survey.body.id as string, ids };
}

async function launch(api: TestClient, surveyId: string, reminders = { count: 0, afterDays: 3 }) {
  const c = await api.call("POST", "/api/v1/campaigns", {
    name: "progress",
    surveyId,
    audience: { kind: "all" },
    reminders,
  });
  await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`);
  return c.body.id as string;
}

const worker = (api: TestClient, opts: { batch?: number; now?: () => number } = {}) =>
  createMailWorker({
    db: open.db,
    mailer: outboxMailer(open.db),
    links,
    workspaceId: api.workspaceId,
    ...opts,
  });

async function drain(w: MailWorker): Promise<void> {
  for (let i = 0; i < 50 && (await w.tick()) > 0; i++);
}

const progress = async (api: TestClient, id: string) =>
  (await api.call("GET", `/api/v1/campaigns/${id}/progress`)).body;

/** An answer to the send of `contactId` in this campaign, as through the email's link. */
async function answer(api: TestClient, campaignId: string, contactId: string) {
  await sql`insert into responses (workspace_id, id, survey_id, contact_id, send_id, channel, score, segment,
      source, created_at)
    select workspace_id, ${newId()}, survey_id, contact_id, id, 'email', 9, 'promoter', 'email', now()
    from sends where workspace_id = ${api.workspaceId} and campaign_id = ${campaignId}
      and contact_id = ${contactId}`.execute(open.db);
}

describe("campaign progress", () => {
  it("counts reminders only for people who will get one: not the answered, unsubscribed or open cases", async () => {
    const emails = [
      "a@example.jp",
      "b@example.jp",
      "c@example.jp",
      "d@example.jp",
      "e@example.jp",
      "f@example.jp",
    ];
    const { api, surveyId, ids } = await setUp(emails);
    const id = await launch(api, surveyId, { count: 1, afterDays: 3 });
    await drain(worker(api));
    const before = await progress(api, id);
    expect(before).toMatchObject({ recipients: 6, sent: 6, reminders: { queued: 6, willSkip: 0 } });
    // Two answer, one unsubscribes, one has a follow-up case open.
    await answer(api, id, ids["a@example.jp"]!);
    await answer(api, id, ids["b@example.jp"]!);
    await api.call("POST", "/api/v1/suppressions", { email: "c@example.jp", reason: "unsubscribed" });
    await open.db
      .insertInto("cases")
      .values({
        workspace_id: api.workspaceId,
        id: newId(),
        contact_id: ids["d@example.jp"]!,
        status: "open",
      })
      .execute();
    const now = await progress(api, id);
    expect(now.reminders).toMatchObject({
      queued: 2,
      willSkip: 4,
      willSkipBy: { responded: 2, suppressed: 1, open_case: 1 },
      held: [],
      sent: 0,
    });
    expect(Date.parse(now.reminders.nextAt)).toBeGreaterThan(Date.now() + 2.9 * DAY);

    // Three days later, on the worker's clock, it does what the progress said.
    await drain(worker(api, { now: () => Date.now() + 3 * DAY + 60_000 }));
    const after = await progress(api, id);
    expect(after.reminders).toMatchObject({ queued: 0, willSkip: 0, sent: 2, skipped: 4 });
    expect(after.reminders.skippedBy).toEqual(now.reminders.willSkipBy);
  });

  it("says why queued first messages wait (quiet hours, until when) or will be skipped", async () => {
    const t = Date.now();
    const quiet = { quietStart: hhmm(t - 3_600_000), quietEnd: hhmm(t + 3_600_000) };
    const emails = ["q1@example.jp", "q2@example.jp", "optout@example.jp", "recent@example.jp"];
    const { api, surveyId, ids } = await setUp(emails, quiet);
    await api.call("POST", "/api/v1/suppressions", { email: "optout@example.jp", reason: "bounced" });
    const imported = await api.call("POST", "/api/v1/responses", {
      surveyId,
      contactId: ids["recent@example.jp"],
      score: 7,
      createdAt: new Date(t - 10 * DAY).toISOString(),
    });
    expect(imported.status).toBe(201);
    const id = await launch(api, surveyId);
    await drain(worker(api, { batch: 0 })); // expands the audience, sends nothing
    const queued = await progress(api, id);
    expect(queued).toMatchObject({
      recipients: 4,
      queued: 2,
      willSkip: 2,
      willSkipBy: { suppressed: 1, recently_surveyed: 1 },
    });

    await drain(worker(api));
    const held = await progress(api, id);
    expect(held).toMatchObject({
      queued: 2,
      held: [{ reason: "quiet_hours", count: 2, until: expect.any(String) }],
      willSkip: 0,
      skipped: 2,
      skippedBy: queued.willSkipBy,
    });
    expect(hhmm(Date.parse(held.held[0].until))).toBe(quiet.quietEnd);

    await api.call("POST", `/api/v1/campaigns/${id}/pause`);
    expect((await progress(api, id)).held).toEqual([{ reason: "campaign_paused", count: 2, until: null }]);
  });

  it("a second first message to one person waits for the first, then counts as one the rule will skip", async () => {
    const { api, surveyId } = await setUp(["twice@example.jp"]);
    const first = await launch(api, surveyId);
    const second = await launch(api, surveyId);
    await worker(api).tick(); // expands both and claims both messages in one batch: one goes, one waits
    const waiting = await sql<{ reason: string | null }>`
      select d.reason from deliveries d join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
      where d.workspace_id = ${api.workspaceId} and d.status = 'queued'`.execute(open.db);
    // Not "quiet hours": the person was simply being surveyed by the other campaign.
    expect(waiting.rows).toEqual([{ reason: "another_survey_first" }]);
    const [a, b] = [await progress(api, first), await progress(api, second)];
    expect(a.sent + b.sent).toBe(1);
    const later = a.sent ? b : a;
    expect(later).toMatchObject({ queued: 0, willSkip: 1, willSkipBy: { within_24h: 1 } });
    await sql`update deliveries set due_at = now() where workspace_id = ${api.workspaceId} and status = 'queued'`.execute(
      open.db,
    );
    await drain(worker(api));
    expect(await progress(api, a.sent ? second : first)).toMatchObject({
      skipped: 1,
      skippedBy: { within_24h: 1 },
    });
  });

  it("counts a reminder due after its link expires as one that will be skipped", async () => {
    const { api, surveyId } = await setUp(["late@example.jp"]);
    const id = await launch(api, surveyId, { count: 2, afterDays: 20 });
    await drain(worker(api));
    // Links last 30 days: the second reminder, 40 days after the first message, would lead nowhere.
    expect((await progress(api, id)).reminders).toMatchObject({
      queued: 1,
      willSkip: 1,
      willSkipBy: { link_expired: 1 },
    });
    // 41 days on, on the worker's clock, both reminders are due and both links have run out: neither goes.
    await drain(worker(api, { now: () => Date.now() + 41 * DAY }));
    expect((await progress(api, id)).reminders).toMatchObject({
      queued: 0,
      skipped: 2,
      skippedBy: { link_expired: 2 },
    });
  });
});
