import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import { sendCampaignFromCli } from "../../cli/campaign-send.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createMailWorker } from "../../jobs/mail-worker.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";

let open: OpenDatabase;
const links = { secret: TEST_SECRET, baseUrl: "http://koe.test" };

beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

async function setUp(fatigue: Record<string, unknown>, contacts: Record<string, unknown>[]) {
  const api = await testClient(open.db);
  await api.call("PATCH", "/api/v1/workspace", { settings: { fatigue } });
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "Relationship NPS",
    kind: "nps",
    question: { ja: "{brand}を薦める可能性は？", en: "Would you recommend {brand}?" },
    followUps: {},
    defaultLocale: "ja",
    status: "active",
  });
  for (const c of contacts) await api.call("POST", "/api/v1/contacts", c);
  return { api, surveyId: survey.body.id as string };
}

const outboxTo = async (api: TestClient, email: string) =>
  (await api.call("GET", `/api/v1/outbox?to=${email}`)).body.data as { subject: string }[];

describe("the campaign clock", () => {
  it("waits for a scheduled time, then sends", async () => {
    const { api, surveyId } = await setUp({ quietStart: "00:00", quietEnd: "00:00" }, [
      { email: "later@example.com" },
    ]);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const c = await api.call("POST", "/api/v1/campaigns", {
      name: "later",
      surveyId,
      audience: { kind: "all" },
      schedule: { kind: "at", at },
    });
    await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`);
    const worker = createMailWorker({
      db: open.db,
      mailer: outboxMailer(open.db),
      links,
      workspaceId: api.workspaceId,
    });
    await worker.tick();
    expect(await outboxTo(api, "later@example.com")).toHaveLength(0);
    expect((await api.call("GET", `/api/v1/campaigns/${c.body.id}`)).body.status).toBe("scheduled");
    await sql`update campaigns set next_run_at = now() where id = ${c.body.id}`.execute(open.db);
    const later = createMailWorker({
      db: open.db,
      mailer: outboxMailer(open.db),
      links,
      workspaceId: api.workspaceId,
    });
    await later.tick();
    expect(await outboxTo(api, "later@example.com")).toHaveLength(1);
  });

  it("runs a recurring campaign in rounds, each contact once per round, the fatigue rule deciding", async () => {
    const { api, surveyId } = await setUp({ quietStart: "00:00", quietEnd: "00:00", days: 30 }, [
      { email: "round@example.com" },
    ]);
    const c = await api.call("POST", "/api/v1/campaigns", {
      name: "relationship",
      surveyId,
      audience: { kind: "all" },
      schedule: { kind: "recurring", everyDays: 90 },
    });
    const id = c.body.id;
    await api.call("POST", `/api/v1/campaigns/${id}/launch`);
    const tick = () =>
      createMailWorker({
        db: open.db,
        mailer: outboxMailer(open.db),
        links,
        workspaceId: api.workspaceId,
      }).tick();
    await tick();
    const first = (await api.call("GET", `/api/v1/campaigns/${id}`)).body;
    expect(first).toMatchObject({ status: "running", round: 0 });
    expect(new Date(first.nextRunAt).getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(await outboxTo(api, "round@example.com")).toHaveLength(1);

    // The period comes round before the fatigue window is over (here: the first message is pretended
    // 20 days old, the workspace allows one survey per 30 days): the second round skips, with the rule.
    await sql`update campaigns set next_run_at = now() where id = ${id}`.execute(open.db);
    await sql`update sends set surveyed_at = now() - interval '20 days' where campaign_id = ${id}`.execute(
      open.db,
    );
    await tick();
    await tick();
    const second = (await api.call("GET", `/api/v1/campaigns/${id}`)).body;
    expect(second.round).toBe(1);
    expect(second.progress).toMatchObject({ recipients: 1, skipped: 1, skippedBy: { recently_surveyed: 1 } });
    expect(await outboxTo(api, "round@example.com")).toHaveLength(1);
  });

  it("postpones a message in the contact's quiet hours until they end, rather than dropping it", async () => {
    // Quiet hours of two minutes around now, in the contact's zone (UTC).
    const hhmm = (ms: number) => new Date(Date.now() + ms).toISOString().slice(11, 16);
    const { api, surveyId } = await setUp({ quietStart: hhmm(-60_000), quietEnd: hhmm(60_000) }, [
      { email: "night@example.com", timeZone: "UTC" },
    ]);
    const c = await api.call("POST", "/api/v1/campaigns", {
      name: "night",
      surveyId,
      audience: { kind: "all" },
    });
    await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`);
    await createMailWorker({
      db: open.db,
      mailer: outboxMailer(open.db),
      links,
      workspaceId: api.workspaceId,
    }).tick();
    const rows = await sql<{ status: string; reason: string; due_at: Date }>`
      select d.status, d.reason, d.due_at from deliveries d join sends s on s.workspace_id = d.workspace_id
      and s.id = d.send_id where s.campaign_id = ${c.body.id}`.execute(open.db);
    expect(rows.rows).toEqual([{ status: "queued", reason: "quiet_hours", due_at: expect.any(Date) }]);
    const wait = rows.rows[0]!.due_at.getTime() - Date.now();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(120_000);
    expect(await outboxTo(api, "night@example.com")).toHaveLength(0);
  });

  it("`koe campaign send` launches a draft and draws its progress until every message is settled", async () => {
    const { api, surveyId } = await setUp({ quietStart: "00:00", quietEnd: "00:00" }, [
      { email: "cli1@example.com" },
      { email: "cli2@example.com" },
      { email: "cli3@example.com" },
    ]);
    await api.call("POST", "/api/v1/suppressions", { email: "cli3@example.com", reason: "bounced" });
    const c = await api.call("POST", "/api/v1/campaigns", {
      name: "cli",
      surveyId,
      audience: { kind: "all" },
    });
    // The mail step as the runner drives it, here a round every 50 ms beside the command.
    const worker = createMailWorker({
      db: open.db,
      mailer: outboxMailer(open.db),
      links,
      workspaceId: api.workspaceId,
    });
    let sending = true;
    const rounds = (async () => {
      while (sending) if ((await worker.tick()) === 0) await new Promise((r) => setTimeout(r, 50));
    })();
    let printed = "";
    await sendCampaignFromCli(open.db, c.body.id, "outbox", { write: (text: string) => (printed += text) });
    sending = false;
    await rounds;
    const lines = printed.trim().split("\n");
    expect(lines[0]).toBe(`sending campaign ${c.body.id} (outbox)`);
    expect(printed).toContain(
      "[##############################] 3/3 sent 2 · failed 0 · skipped 1 · queued 0",
    );
    expect(printed).toContain('skipped: {"suppressed":1}');
    expect(lines).toContain("done");
  }, 30_000);
});
