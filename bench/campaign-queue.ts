// Queueing a 1,000,000-contact campaign on PostgreSQL: the campaign clock expands the audience into sends
// and queued messages in chunks, as the worker does. Goal: ≤ 60 s, with the process's RSS under 300 MB
// (the audience is never held in memory). Baseline: one bare INSERT … SELECT of 1 M rows into `sends`.
import { sql } from "kysely";
import { runDueCampaigns } from "../packages/server/src/domain/campaigns/run-due.ts";
import { createCampaign, changeCampaign } from "../packages/server/src/domain/campaigns/campaigns.ts";
import { createSurvey } from "../packages/server/src/domain/surveys/surveys.ts";
import { createWorkspace } from "../packages/server/src/domain/workspaces/workspaces.ts";
import { freshDatabase } from "./support/postgres.ts";
import { int, log, printTable, ratio, verdict } from "./support/measure.ts";

const CONTACTS = Number(process.env.BENCH_CAMPAIGN_CONTACTS ?? 1_000_000);

async function main(): Promise<void> {
  const { open } = await freshDatabase("koe_bench_campaign");
  const { db } = open;
  const ws = await createWorkspace(db, { name: "bench" });
  const survey = await createSurvey(db, ws, {
    name: "NPS",
    kind: "nps",
    question: { en: "Recommend?" },
    followUps: {},
    defaultLocale: "en",
    status: "active",
  });
  log(`loading ${int(CONTACTS)} contacts`);
  await sql`
    insert into contacts (workspace_id, id, email, name, attributes)
    select ${ws}::uuid, gen_random_uuid(), 'person' || i || '@example.com', 'Person ' || i,
           jsonb_build_object('plan', case when i % 3 = 0 then 'pro' else 'free' end)
    from generate_series(1, ${CONTACTS}) as i`.execute(db);
  await sql`analyze contacts`.execute(db);

  log("baseline: one INSERT … SELECT of every contact into sends");
  const b0 = performance.now();
  await sql`
    insert into sends (workspace_id, id, survey_id, contact_id, channel, expires_at)
    select workspace_id, gen_random_uuid(), ${survey.id}::uuid, id, 'email', now() + interval '30 days'
    from contacts where workspace_id = ${ws}`.execute(db);
  const baseline = (performance.now() - b0) / 1000;
  await sql`truncate sends cascade`.execute(db);
  await sql`vacuum analyze sends`.execute(db);

  const campaign = await createCampaign(db, ws, {
    name: "1M",
    surveyId: survey.id,
    audience: { kind: "all" },
  });
  await changeCampaign(db, ws, campaign.id, "launch", new Date());
  log("queueing the campaign");
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  let queued = 0;
  for (;;) {
    // As the worker runs it on PostgreSQL: each step expands two ranges of the audience at once.
    const n = await runDueCampaigns(db, "bench.koe", { budgetMs: 5_000, parallel: 2 });
    queued += n;
    if (n === 0) break;
    log(`  ${int(queued)} queued`);
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const check = await sql<{ sends: number; deliveries: number }>`
    select (select count(*) from sends where campaign_id = ${campaign.id})::int as sends,
           (select count(*) from deliveries where status = 'queued' and step = 0)::int as deliveries`.execute(
    db,
  );
  const counts = check.rows[0]!;
  const mb = peakRss / 1024 / 1024;
  printTable("Queue a 1,000,000-contact campaign (PostgreSQL)", [
    ["measure", "value", "goal"],
    ["contacts", int(CONTACTS), ""],
    [
      "queued (sends / messages)",
      `${int(counts.sends)} / ${int(counts.deliveries)}`,
      `= contacts ${verdict(counts.sends === CONTACTS && counts.deliveries === CONTACTS)}`,
    ],
    [
      "time to queue",
      `${seconds.toFixed(1)} s (${int(CONTACTS / seconds)} contacts/s)`,
      `≤ 60 s ${verdict(seconds <= 60)}`,
    ],
    ["peak RSS of the process", `${mb.toFixed(0)} MB`, `< 300 MB ${verdict(mb < 300)}`],
    ["baseline: bare INSERT … SELECT into sends", `${baseline.toFixed(1)} s`, ""],
    ["queue time / baseline", ratio(seconds / baseline), ""],
  ]);
  await open.close();
}

await main();
