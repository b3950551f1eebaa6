import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer } from "../channels/email/smtp-mailer.ts";
import { outboxMailer } from "../channels/email/outbox-mailer.ts";
import type { OpenDatabase } from "../db/open.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../test/app.ts";
import { openTestDatabase } from "../../test/database.ts";
import { startTestSmtp, type TestSmtp } from "../../test/smtp.ts";
import type { Mailer } from "../channels/email/mailer.ts";
import { claimDueDeliveries } from "../domain/deliveries/claim.ts";
import { markCommitting, markSent, recoverExpiredLeases, requeue } from "../domain/deliveries/transitions.ts";
import { testSendCampaign } from "./campaign-preview.ts";
import { createMailWorker, type MailWorker } from "./mail-worker.ts";
import { personFields } from "../../test/page-form.ts";

let open: OpenDatabase;
let smtp: TestSmtp;
const links = { secret: TEST_SECRET, baseUrl: "http://koe.test" };

beforeAll(async () => {
  open = await openTestDatabase();
  smtp = await startTestSmtp();
});
/** SMTP pools the tests opened; closed at the end so the file does not wait on idle connections. */
const mailers: Mailer[] = [];
const smtpPool = () => {
  const m = smtpMailer(smtp.url);
  mailers.push(m);
  return m;
};
afterAll(async () => {
  await Promise.all(mailers.map((m) => m.close()));
  await smtp.close();
  await open.close();
});

/** A workspace with an NPS survey and contacts; quiet hours off unless a test turns them on. */
async function setUp(emails: string[]): Promise<{ api: TestClient; surveyId: string; contactIds: string[] }> {
  const api = await testClient(open.db);
  await api.call("PATCH", "/api/v1/workspace", {
    settings: {
      fatigue: { quietStart: "00:00", quietEnd: "00:00" },
      sender: { name: "声 Koe", address: "nps@koe.test" },
    },
  });
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "Relationship NPS",
    kind: "nps",
    question: {
      ja: "{{brand.name}}を友人や同僚に薦める可能性は、どのくらいありますか？",
      en: "How likely are you to recommend us?",
    },
    followUps: {},
    defaultLocale: "ja",
    status: "active",
  });
  expect(survey.status).toBe(201);
  const contactIds: string[] = [];
  for (const [i, email] of emails.entries()) {
    const c = await api.call("POST", "/api/v1/contacts", { email, name: `山田 ${i}`, locale: "ja" });
    contactIds.push(c.body.id);
  }
  return { api, surveyId: survey.body.id, contactIds };
}

/** Launches a campaign to everyone, then expands it without sending (a worker that claims nothing). */
async function launchAndExpand(api: TestClient, surveyId: string, name: string): Promise<string> {
  const created = await api.call("POST", "/api/v1/campaigns", { name, surveyId, audience: { kind: "all" } });
  await api.call("POST", `/api/v1/campaigns/${created.body.id}/launch`);
  await createMailWorker({
    db: open.db,
    mailer: smtpPool(),
    links,
    workspaceId: api.workspaceId,
    batch: 0,
  }).tick();
  return created.body.id;
}

async function drain(worker: MailWorker): Promise<void> {
  for (let i = 0; i < 50 && (await worker.tick()) > 0; i++);
  await worker.tick(); // the campaign clock runs at most every 2 s; one more round settles "done"
}

const received = (to: string) => smtp.messages.filter((m) => m.to && "text" in m.to && m.to.text === to);

describe("the mail worker", () => {
  it("sends a campaign to its audience, skips the suppressed with the rule, and finishes it", async () => {
    const { api, surveyId } = await setUp(["a@example.com", "b@example.com", "optout@example.com"]);
    await api.call("POST", "/api/v1/suppressions", { email: "optout@example.com", reason: "unsubscribed" });
    const created = await api.call("POST", "/api/v1/campaigns", {
      name: "2026 Q4 relationship NPS",
      surveyId,
      audience: { kind: "all" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await api.call("POST", `/api/v1/campaigns/${id}/launch`)).body.status).toBe("scheduled");
    let clock = Date.now();
    const now = () => clock;
    const worker = createMailWorker({
      db: open.db,
      mailer: smtpPool(),
      links,
      workspaceId: api.workspaceId,
      now,
    });
    await drain(worker);
    // The campaign clock marks the campaign done on a later housekeeping round: move time past it.
    clock += 2_100;
    await worker.tick();

    const got = await api.call("GET", `/api/v1/campaigns/${id}`);
    expect(got.body.status).toBe("done");
    expect(got.body.progress).toMatchObject({
      recipients: 3,
      sent: 2,
      skipped: 1,
      skippedBy: { suppressed: 1 },
    });
    expect(received("optout@example.com")).toHaveLength(0);
    const [mail] = received("a@example.com");
    expect(received("a@example.com")).toHaveLength(1);
    expect(mail?.subject).toContain("1問だけのアンケート");
    expect(mail?.from?.text).toContain("nps@koe.test");
    const line = (k: string) =>
      (mail?.headerLines.find((h) => h.key === k)?.line ?? "").replace(/\r\n\s+/g, " ");
    expect(line("list-unsubscribe")).toMatch(/^List-Unsubscribe: <http:\/\/koe\.test\/u\/[A-Za-z0-9_-]+>$/);
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const scoreLinks = [
      ...String(mail?.html).matchAll(/href="(http:\/\/koe\.test\/r\/[^"?]+\?score=(\d+))"/g),
    ];
    expect(scoreLinks.map((m) => Number(m[2]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    // The link in the email is the send's personal link: answering it counts once.
    const url = new URL(scoreLinks[9]![1]!.replace(/&amp;/g, "&"));
    const page = await api.app.request(url.pathname + url.search);
    const { ft, h } = personFields(await page.text());
    const answer = await api.app.request(url.pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        ft,
        h,
        score: "9",
        comment: "とても使いやすい",
        step: "done",
      }).toString(),
    });
    expect(answer.status).toBe(303);
    const report = await api.call("GET", `/api/v1/reports/nps?surveyId=${surveyId}`);
    expect(report.body).toMatchObject({ n: 1, promoters: 1 });
  });

  it("reminds non-responders once, and never someone who answered", async () => {
    const { api, surveyId } = await setUp(["r1@example.com", "r2@example.com"]);
    const created = await api.call("POST", "/api/v1/campaigns", {
      name: "with a reminder",
      surveyId,
      audience: { kind: "all" },
      reminders: { count: 2, afterDays: 3 },
    });
    await api.call("POST", `/api/v1/campaigns/${created.body.id}/launch`);
    const worker = createMailWorker({ db: open.db, mailer: smtpPool(), links, workspaceId: api.workspaceId });
    await drain(worker);
    expect(received("r1@example.com")).toHaveLength(1);
    // r2 answers; then the reminders come due (three days later).
    const [first] = received("r2@example.com");
    const href = /href="(http:\/\/koe\.test\/r\/[^"?]+)\?score=3"/.exec(String(first?.html))?.[1] ?? "";
    const path = new URL(href).pathname;
    const { ft, h } = personFields(await (await api.app.request(path)).text());
    await api.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ft, h, score: "3", step: "done" }).toString(),
    });
    const reminders = await sql<{ n: number }>`
      update deliveries set due_at = now() where workspace_id = ${api.workspaceId} and step = 1 returning 1 as n`.execute(
      open.db,
    );
    expect(reminders.rows).toHaveLength(2);
    await drain(worker);
    expect(received("r1@example.com")).toHaveLength(2);
    expect(received("r2@example.com")).toHaveLength(1);
    const progress = await api.call("GET", `/api/v1/campaigns/${created.body.id}/progress`);
    // The second reminders (six days after the first message) are still ahead: r1's will go, r2 answered.
    expect(progress.body.reminders).toMatchObject({
      queued: 1,
      willSkip: 1,
      willSkipBy: { responded: 1 },
      sent: 1,
      skipped: 1,
      skippedBy: { responded: 1 },
    });
  });

  it("after a crash, resends a message whose end of data never went out and never one that may have", async () => {
    const { api, surveyId } = await setUp(["crash1@example.com", "crash2@example.com"]);
    await launchAndExpand(api, surveyId, "crash");
    // Two messages left by a worker that died: one still in its body, one at its end of data.
    const rows = await sql<{ id: string; email: string }>`
      select d.id, c.email from deliveries d join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
      join contacts c on c.workspace_id = s.workspace_id and c.id = s.contact_id
      where d.workspace_id = ${api.workspaceId} order by c.email`.execute(open.db);
    const [sending, committing] = rows.rows;
    await sql`update deliveries set status = 'sending', lease_until = now() - interval '1 second', attempts = 1
      where workspace_id = ${api.workspaceId} and id = ${sending!.id}`.execute(open.db);
    await sql`update deliveries set status = 'committing', lease_until = now() - interval '1 second', attempts = 1
      where workspace_id = ${api.workspaceId} and id = ${committing!.id}`.execute(open.db);
    const worker = createMailWorker({ db: open.db, mailer: smtpPool(), links, workspaceId: api.workspaceId });
    await drain(worker);
    expect(received(sending!.email)).toHaveLength(1);
    expect(received(committing!.email)).toHaveLength(0);
    const settled = await sql<{ status: string; reason: string | null }>`
      select status, reason from deliveries where workspace_id = ${api.workspaceId} and id = ${committing!.id}`.execute(
      open.db,
    );
    expect(settled.rows[0]).toEqual({ status: "sent", reason: "reconciled: end of data may have been sent" });
  });

  it("two workers never both mail one person due for two campaigns at once", async () => {
    const { api, surveyId } = await setUp(["both@example.com"]);
    // Both campaigns expanded: two first messages due for one person.
    for (const name of ["Relationship NPS", "Onboarding NPS"]) await launchAndExpand(api, surveyId, name);
    const worker = (batch: number) =>
      createMailWorker({ db: open.db, mailer: smtpPool(), links, workspaceId: api.workspaceId, batch });
    // Each worker takes one message: without the turn-taking, both decide to send before either is sent.
    const [a, b] = [worker(1), worker(1)];
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([drain(a), drain(b)]);
    expect(received("both@example.com")).toHaveLength(1);
    const settled = await sql<{ status: string; reason: string | null }>`
      select d.status, d.reason from deliveries d join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
      where d.workspace_id = ${api.workspaceId} and d.step = 0 order by d.status`.execute(open.db);
    expect(settled.rows.map((r) => r.status)).toEqual(["sent", "skipped"]);
  });

  it("lets a worker whose lease ran out no longer move a message another worker has claimed since", async () => {
    const { api, surveyId } = await setUp(["slow@example.com"]);
    await launchAndExpand(api, surveyId, "slow");
    const claim = () =>
      claimDueDeliveries(open.db, {
        limit: 1,
        leaseSeconds: 60,
        workspaceId: api.workspaceId,
        now: new Date(),
      });
    const [first] = await claim();
    await sql`update deliveries set lease_until = now() - interval '1 second'
      where workspace_id = ${api.workspaceId} and id = ${first!.id}`.execute(open.db);
    await recoverExpiredLeases(open.db, "koe.test", { workspaceId: api.workspaceId, now: new Date() });
    const [second] = await claim();
    expect(second).toMatchObject({ id: first!.id, attempts: first!.attempts + 1 });
    // The first worker wakes up: it may neither send the end of data nor put the message back.
    const stale = { workspaceId: api.workspaceId, id: first!.id, attempts: first!.attempts };
    let ended = false;
    await expect(markCommitting(open.db, stale, () => (ended = true))).rejects.toThrow(/no longer ours/);
    await requeue(open.db, stale, new Date(), { reason: "retry" });
    await markSent(open.db, [stale], "koe.test", new Date());
    expect(ended).toBe(false);
    const row = await sql<{ status: string; attempts: number }>`select status, attempts from deliveries
      where workspace_id = ${api.workspaceId} and id = ${first!.id}`.execute(open.db);
    expect(row.rows[0]).toEqual({ status: "sending", attempts: second!.attempts });
  });

  it("a failed test send with a contact's data holds back none of that contact's real mail", async () => {
    const { api, surveyId, contactIds } = await setUp(["held@example.com"]);
    const created = await api.call("POST", "/api/v1/campaigns", {
      name: "held",
      surveyId,
      audience: { kind: "all" },
    });
    smtp.failNext(1, 550);
    await expect(
      testSendCampaign(open.db, smtpPool(), api.workspaceId, created.body.id, links, {
        email: "tester@example.com",
        contactId: contactIds[0],
      }),
    ).rejects.toThrow();
    await api.call("POST", `/api/v1/campaigns/${created.body.id}/launch`);
    await drain(createMailWorker({ db: open.db, mailer: smtpPool(), links, workspaceId: api.workspaceId }));
    expect(received("held@example.com")).toHaveLength(1);
    const test = await sql<{ status: string }>`select d.status from deliveries d
      join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
      where d.workspace_id = ${api.workspaceId} and s.metadata ->> 'test' = 'true'`.execute(open.db);
    expect(test.rows).toEqual([{ status: "failed" }]);
  });

  it("after a crash, asks the outbox: a stored message is sent, a missing one goes again, none twice", async () => {
    const emails = ["x-sending@example.com", "y-stored@example.com", "z-lost@example.com"];
    const { api, surveyId } = await setUp(emails);
    await launchAndExpand(api, surveyId, "crash, outbox");
    const mailer = outboxMailer(open.db);
    const rows = await sql<{ id: string; email: string; message_id: string }>`
      select d.id, c.email, d.message_id from deliveries d
      join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
      join contacts c on c.workspace_id = s.workspace_id and c.id = s.contact_id
      where d.workspace_id = ${api.workspaceId} order by c.email`.execute(open.db);
    const [sending, stored, lost] = rows.rows;
    for (const [row, status] of [
      [sending!, "sending"],
      [stored!, "committing"],
      [lost!, "committing"],
    ] as const)
      await sql`update deliveries set status = ${status}, lease_until = now() - interval '1 second', attempts = 1
        where workspace_id = ${api.workspaceId} and id = ${row.id}`.execute(open.db);
    // The worker died after storing this one and before recording it sent.
    await sql`insert into outbox (workspace_id, id, message_id, to_address, subject, html, text, headers)
      values (${api.workspaceId}, koe_uuid7(), ${stored!.message_id}, ${stored!.email}, 's', '', '', '{}')`.execute(
      open.db,
    );
    await drain(createMailWorker({ db: open.db, mailer, links, workspaceId: api.workspaceId }));
    const outbox = await sql<{ to_address: string; n: number }>`
      select to_address, count(*)::int as n from outbox where workspace_id = ${api.workspaceId}
      group by to_address order by to_address`.execute(open.db);
    expect(outbox.rows).toEqual(emails.map((to_address) => ({ to_address, n: 1 })));
    const settled = await sql<{ status: string; reason: string | null }>`
      select status, reason from deliveries where workspace_id = ${api.workspaceId} and id = ${stored!.id}`.execute(
      open.db,
    );
    expect(settled.rows[0]).toEqual({ status: "sent", reason: "reconciled: found in the outbox" });
  });

  it("retries a 4xx reply later and marks a 5xx reply failed", async () => {
    const { api, surveyId } = await setUp(["soft@example.com"]);
    const created = await api.call("POST", "/api/v1/campaigns", {
      name: "errors",
      surveyId,
      audience: { kind: "all" },
    });
    await api.call("POST", `/api/v1/campaigns/${created.body.id}/launch`);
    const worker = createMailWorker({ db: open.db, mailer: smtpPool(), links, workspaceId: api.workspaceId });
    smtp.failNext(1, 451);
    await drain(worker);
    const after4xx = await sql<{ status: string; attempts: number; late: boolean }>`
      select status, attempts, due_at > now() + interval '50 seconds' as late from deliveries
      where workspace_id = ${api.workspaceId}`.execute(open.db);
    expect(after4xx.rows).toEqual([{ status: "queued", attempts: 1, late: true }]);
    await sql`update deliveries set due_at = now() where workspace_id = ${api.workspaceId}`.execute(open.db);
    smtp.failNext(1, 550);
    await drain(worker);
    const progress = await api.call("GET", `/api/v1/campaigns/${created.body.id}/progress`);
    expect(progress.body).toMatchObject({ failed: 1, sent: 0 });
    expect(received("soft@example.com")).toHaveLength(0);
  });

  it("keeps mail in the outbox with no SMTP server, viewable as HTML", async () => {
    const { api, surveyId } = await setUp(["outbox@example.com"]);
    const created = await api.call("POST", "/api/v1/campaigns", {
      name: "outbox",
      surveyId,
      audience: { kind: "all" },
    });
    await api.call("POST", `/api/v1/campaigns/${created.body.id}/launch`);
    await drain(
      createMailWorker({ db: open.db, mailer: outboxMailer(open.db), links, workspaceId: api.workspaceId }),
    );
    const list = await api.call("GET", "/api/v1/outbox");
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ to: "outbox@example.com" });
    expect(list.body.data[0].headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const html = await api.call("GET", `/api/v1/outbox/${list.body.data[0].id}/html`);
    expect(html.headers.get("content-security-policy")).toContain("sandbox");
    expect(String(html.body)).toContain("?score=10");
  });

  it("surveys a person due in two campaigns and a trigger at once only once", async () => {
    const { api, surveyId } = await setUp(["busy@example.com"]);
    const other = await api.call("POST", "/api/v1/surveys", {
      name: "Onboarding NPS",
      kind: "nps",
      question: { ja: "おすすめしますか？" },
      followUps: {},
      defaultLocale: "ja",
      status: "active",
    });
    const campaigns: string[] = [];
    for (const id of [surveyId, other.body.id]) {
      const c = await api.call("POST", "/api/v1/campaigns", {
        name: "c",
        surveyId: id,
        audience: { kind: "all" },
      });
      await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`);
      campaigns.push(c.body.id);
    }
    await api.call("POST", "/api/v1/triggers", {
      name: "t",
      eventType: "order.delivered",
      surveyId: other.body.id,
    });
    const event = { id: "o-1", type: "order.delivered", contact: { email: "busy@example.com" } };
    expect((await api.call("POST", "/api/v1/events", event)).status).toBe(201);
    const worker = createMailWorker({ db: open.db, mailer: smtpPool(), links, workspaceId: api.workspaceId });
    await drain(worker);
    // The others wait a minute, then meet the fatigue rule.
    await sql`update deliveries set due_at = now() where workspace_id = ${api.workspaceId} and status = 'queued'`.execute(
      open.db,
    );
    await drain(worker);
    expect(received("busy@example.com")).toHaveLength(1);
    const progress = await Promise.all(
      campaigns.map(async (id) => (await api.call("GET", `/api/v1/campaigns/${id}/progress`)).body),
    );
    expect(progress.map((p) => p.sent + p.skipped)).toEqual([1, 1]);
    const triggered = await api.call("GET", "/api/v1/events/o-1");
    expect(triggered.body.sends).toMatchObject([{ status: expect.stringMatching(/^(sent|skipped)$/) }]);
  });

  it("queues no reminders for messages that were on their way when the campaign was cancelled", async () => {
    const { api, surveyId } = await setUp(["late1@example.com", "late2@example.com"]);
    const created = await api.call("POST", "/api/v1/campaigns", {
      name: "cancelled mid-send",
      surveyId,
      audience: { kind: "all" },
      reminders: { count: 2, afterDays: 3 },
    });
    const id = created.body.id;
    await api.call("POST", `/api/v1/campaigns/${id}/launch`);
    // The campaign is cancelled while the batch is with the SMTP server.
    const inner = smtpPool();
    let cancelled: Promise<unknown> | undefined;
    const mailer: Mailer = {
      kind: "smtp",
      close: () => inner.close(),
      send: async (mail, hooks) => {
        cancelled ??= api.call("POST", `/api/v1/campaigns/${id}/cancel`);
        await cancelled;
        await inner.send(mail, hooks);
      },
    };
    await drain(createMailWorker({ db: open.db, mailer, links, workspaceId: api.workspaceId }));
    expect(received("late1@example.com")).toHaveLength(1);
    const progress = await api.call("GET", `/api/v1/campaigns/${id}/progress`);
    expect(progress.body).toMatchObject({ sent: 2, reminders: { queued: 0, sent: 0, skipped: 0 } });
  });

  it("holds a paused campaign's messages and skips them when it is cancelled", async () => {
    const { api, surveyId } = await setUp(["p1@example.com", "p2@example.com"]);
    const id = await launchAndExpand(api, surveyId, "paused");
    expect((await api.call("POST", `/api/v1/campaigns/${id}/pause`)).body.status).toBe("paused");
    await drain(createMailWorker({ db: open.db, mailer: smtpPool(), links, workspaceId: api.workspaceId }));
    expect(received("p1@example.com")).toHaveLength(0);
    expect((await api.call("POST", `/api/v1/campaigns/${id}/cancel`)).body.status).toBe("cancelled");
    const progress = await api.call("GET", `/api/v1/campaigns/${id}/progress`);
    expect(progress.body).toMatchObject({ skipped: 2, skippedBy: { campaign_cancelled: 2 } });
    expect((await api.call("POST", `/api/v1/campaigns/${id}/resume`)).status).toBe(409);
  });
});
