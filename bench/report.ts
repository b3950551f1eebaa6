// GET /api/v1/reports/nps?groupBy=month,touchpoint over a workspace of 1 M responses in a 10 M-row table,
// read from the rollups through the HTTP app in process; baseline, same run: the naive GROUP BY over the
// raw responses of that workspace. Also checks that both give the same n and NPS per group.
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { createApiKey } from "../packages/server/src/domain/auth/api-keys.ts";
import { getReport } from "../packages/server/src/domain/reports/report.ts";
import { reportQuery } from "../packages/server/src/domain/reports/report-query.ts";
import { NO_TOUCHPOINT } from "../packages/server/src/domain/rollups/rollups.ts";
import { summariseNps } from "../packages/server/src/domain/scores/nps.ts";
import { createSurvey } from "../packages/server/src/domain/surveys/surveys.ts";
import { createTouchpoint } from "../packages/server/src/domain/touchpoints/touchpoints.ts";
import { createWorkspace } from "../packages/server/src/domain/workspaces/workspaces.ts";
import { migrateToLatest } from "../packages/server/src/db/migrate.ts";
import { openPostgres, type Db } from "../packages/server/src/db/open.ts";
import type { Database } from "../packages/server/src/db/schema.ts";
import { benchApp } from "./support/app.ts";
import { int, log, median, ms, percentile, printTable, ratio, verdict } from "./support/measure.ts";
import { databaseUrl, freshDatabase, serverVersion } from "./support/postgres.ts";
import { bulkLoadClient, tableIndexes } from "./support/bulk-load.ts";
import { scoreWeights } from "./support/random.ts";

const TOTAL_ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 10_000_000);
const TARGET_SHARE = 10; // every 10th row belongs to the measured workspace: 1 M of 10 M, spread over the table
const OTHER_WORKSPACES = 99;
const HISTORY_DAYS = 548;
const WARMUP = 20;
const RUNS = 200;
const NAIVE_RUNS = 10;
const GOAL_MEDIAN_MS = 20;
const GOAL_RATIO = 20;
const PATH = "/api/v1/reports/nps?groupBy=month,touchpoint";
const DATABASE = "koe_bench_report";
const REUSE = process.env.BENCH_REPORT_REUSE === "1";

const surveyDefs = [
  { name: "Relationship NPS", kind: "nps", share: 0.5 },
  { name: "Support NPS", kind: "nps", share: 0.3 },
  { name: "Support CSAT", kind: "csat", share: 0.2 },
] as const;
const touchpointDefs = [
  { name: "Product", kind: "product", channel: "in_app" },
  { name: "Support (phone)", kind: "support", channel: "phone" },
  { name: "Support (email)", kind: "support", channel: "email" },
  { name: "Support (chat)", kind: "support", channel: "chat" },
  { name: "Sales", kind: "sales", channel: "in_person" },
  { name: "Webinar", kind: "marketing", channel: "web" },
  { name: "Onboarding", kind: "onboarding", channel: "email" },
  { name: "Billing", kind: "billing", channel: "email" },
] as const;
const timeZones = ["Asia/Tokyo", "America/New_York", "Europe/London"];

/** Cumulative thresholds for width_bucket: a uniform draw becomes a score with the given weights. */
function thresholds(weights: readonly number[]): string {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const cuts = weights.slice(0, -1).map((w) => (sum += w) / total);
  return `array[${cuts.join(",")}]::float8[]`;
}

/** Workspaces, surveys and touchpoints made through the domain, so the rows match what the product writes. */
async function createTenants(db: Db): Promise<{ target: string; key: string }> {
  await sql`create table bench_ws (n int primary key, id uuid not null)`.execute(db);
  await sql`create table bench_sv (ws int, k int, id uuid not null, kind text not null, primary key (ws, k))`.execute(
    db,
  );
  await sql`create table bench_tp (ws int, k int, id uuid not null, channel text not null, primary key (ws, k))`.execute(
    db,
  );
  let target = "";
  for (let n = 0; n <= OTHER_WORKSPACES; n++) {
    const name = n === 0 ? "Bench report target" : `Bench tenant ${n}`;
    const id = await createWorkspace(db, { name, timeZone: timeZones[n % timeZones.length] as string });
    if (n === 0) target = id;
    await sql`insert into bench_ws values (${n}, ${id})`.execute(db);
    for (const [k, s] of surveyDefs.entries()) {
      const survey = await createSurvey(db, id, {
        name: s.name,
        kind: s.kind,
        question: { en: `About ${s.name}` },
        followUps: {},
        defaultLocale: "en",
        status: "active",
      });
      await sql`insert into bench_sv values (${n}, ${k}, ${survey.id}, ${s.kind})`.execute(db);
    }
    for (const [k, t] of touchpointDefs.entries()) {
      const tp = await createTouchpoint(db, id, { name: t.name, kind: t.kind, channel: t.channel });
      await sql`insert into bench_tp values (${n}, ${k}, ${tp.id}, ${t.channel})`.execute(db);
    }
  }
  const { key } = await createApiKey(db, target, { role: "viewer", name: "bench" });
  return { target, key };
}

async function load(url: string): Promise<void> {
  const { client, run } = await bulkLoadClient(url);
  const indexes = await tableIndexes(client, "responses");
  for (const d of indexes.drop) await client.query(d);

  const nps = thresholds(scoreWeights.nps);
  const csat = thresholds(scoreWeights.csat.slice(1));
  await run(
    `${int(TOTAL_ROWS)} responses`,
    `insert into responses (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, score, segment,
                            comment, locale, metadata, source, created_at)
     select w.id, gen_random_uuid(), s.id, null, t.id,
            coalesce(t.channel, (array['email', 'web', 'other'])[1 + (g.n % 3)]),
            x.score, case when s.kind = 'nps' then case when x.score <= 6 then 'detractor' when x.score <= 8 then 'passive' else 'promoter' end
                          else case when x.score <= 2 then 'unhappy' when x.score = 3 then 'neutral' else 'happy' end end,
            case when g.r4 < 0.3 then (array[
              'Support answered within minutes and fixed it.', 'Pricing is confusing once you add seats.',
              'サポートの対応がとても早くて助かりました。', '料金がもう少し分かりやすいと嬉しいです。',
              'The dashboard is much faster since the update.', '電話がなかなかつながりませんでした。'])[1 + floor(g.r4 * 20)::int]
            end,
            case when g.n % 5 < 3 then 'ja' else 'en' end, '{}', 'import',
            now() - g.r5 * interval '${HISTORY_DAYS} days'
     from (select n, case when n % ${TARGET_SHARE} = 0 then 0 else 1 + n % ${OTHER_WORKSPACES} end as ws,
                  random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
           from generate_series(1, ${TOTAL_ROWS}) n) g
     join bench_ws w on w.n = g.ws
     join bench_sv s on s.ws = g.ws and s.k = case when g.r1 < ${surveyDefs[0].share} then 0
                                                   when g.r1 < ${surveyDefs[0].share + surveyDefs[1].share} then 1 else 2 end
     left join bench_tp t on t.ws = g.ws and t.k = floor(g.r2 * ${touchpointDefs.length + 1})::int
     cross join lateral (select case when s.kind = 'nps' then width_bucket(g.r3, ${nps})
                                     else 1 + width_bucket(g.r3, ${csat}) end as score) x`,
  );
  for (const c of indexes.create) await run(c.replace(/\s+/g, " ").slice(0, 70), c);
  const counts = Array.from({ length: 11 }, (_, s) => `count(*) filter (where r.score = ${s})`).join(", ");
  const cols = Array.from({ length: 11 }, (_, s) => `c${s}`).join(", ");
  await run(
    "rollups",
    `insert into response_rollups (workspace_id, survey_id, survey_kind, day, touchpoint_id, channel, n, ${cols})
     select r.workspace_id, r.survey_id, s.kind, (r.created_at at time zone w.time_zone)::date,
            coalesce(r.touchpoint_id, '${NO_TOUCHPOINT}'::uuid), r.channel, count(*), ${counts}
     from responses r
     join surveys s on s.workspace_id = r.workspace_id and s.id = r.survey_id
     join workspaces w on w.id = r.workspace_id
     group by 1, 2, 3, 4, 5, 6`,
  );
  await run("analyze", "analyze");
  await run("checkpoint", "checkpoint");
  await client.end();
}

interface Group {
  key: string;
  n: number;
  nps: number | null;
}

/** The same figures straight from the raw responses: one GROUP BY, no rollups. */
async function naiveReport(db: Db, ws: string): Promise<Group[]> {
  const { rows } = await sql<{
    month: string;
    touchpoint: string;
    promoters: number;
    passives: number;
    detractors: number;
  }>`
    select to_char(date_trunc('month', r.created_at at time zone w.time_zone), 'YYYY-MM') as month,
           coalesce(r.touchpoint_id, ${NO_TOUCHPOINT}::uuid)::text as touchpoint,
           count(*) filter (where r.segment = 'promoter') as promoters,
           count(*) filter (where r.segment = 'passive') as passives,
           count(*) filter (where r.segment = 'detractor') as detractors
    from responses r join workspaces w on w.id = r.workspace_id
    where r.workspace_id = ${ws} and r.segment in ('promoter', 'passive', 'detractor')
    group by 1, 2 order by 1, 2`.execute(db);
  return rows.map((r) => {
    const s = summariseNps(r);
    return { key: `${r.month}|${r.touchpoint}`, n: s.n, nps: s.nps };
  });
}

interface Statement {
  label: string;
  text: string;
  values: readonly unknown[];
}

/** The statements getReport issues for this report, captured by a logging Kysely over the same database. */
async function reportStatements(url: string, ws: string): Promise<Statement[]> {
  const captured: Statement[] = [];
  const spy = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    log: (event) => {
      if (event.level !== "query") return;
      const text = event.query.sql;
      captured.push({
        label: text.replace(/\s+/g, " ").trim().slice(0, 60) + "…",
        text,
        values: event.query.parameters,
      });
    },
  });
  await getReport(spy, ws, "nps", reportQuery.parse({ groupBy: "month,touchpoint" }));
  await spy.destroy();
  return captured;
}

/** Each statement of getReport alone, interleaved, RUNS times. */
async function statementTimes(url: string, ws: string): Promise<string[][]> {
  const statements = await reportStatements(url, ws);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times = statements.map(() => [] as number[]);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [j, st] of statements.entries()) {
      const t0 = performance.now();
      await client.query(st.text, [...st.values]);
      if (i >= WARMUP) (times[j] as number[]).push(performance.now() - t0);
    }
  }
  await client.end();
  const rows = statements.map((st, j) => [
    st.label,
    ms(median(times[j] as number[])),
    ms(percentile(times[j] as number[], 95)),
  ]);
  const sum = statements.reduce((a, _, j) => a + median(times[j] as number[]), 0);
  rows.push(["sum of getReport's statements", ms(sum), ""]);
  return rows;
}

/** A fresh database with the tenants and the 10 M responses. */
async function loadDatabase() {
  const { open, url } = await freshDatabase(DATABASE);
  log(`PostgreSQL ${await serverVersion(url)}; loading ${int(TOTAL_ROWS)} responses…`);
  const { target, key } = await createTenants(open.db);
  await load(url);
  return { open, url, target, key };
}

/** BENCH_REPORT_REUSE=1: the database of the last run as it is (to retry a change to the report quickly). */
async function reuseDatabase() {
  const url = databaseUrl(DATABASE);
  const open = await openPostgres(url);
  await migrateToLatest(open.db as unknown as Kysely<unknown>);
  const { rows } = await sql<{ id: string }>`select id from bench_ws where n = 0`.execute(open.db);
  const target = (rows[0] as { id: string }).id;
  const { key } = await createApiKey(open.db, target, { role: "viewer", name: "bench" });
  log(`PostgreSQL ${await serverVersion(url)}; reusing ${DATABASE} from the last run`);
  return { open, url, target, key };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { open, url, target, key } = REUSE ? await reuseDatabase() : await loadDatabase();
  const db = open.db;
  const { rows: sizes } = await sql<{
    responses: number;
    in_target: number;
    rollups: number;
    rollups_in_target: number;
  }>`
    select (select count(*) from responses) as responses,
           (select count(*) from responses where workspace_id = ${target}) as in_target,
           (select count(*) from response_rollups) as rollups,
           (select count(*) from response_rollups where workspace_id = ${target}) as rollups_in_target`.execute(
    db,
  );
  const size = sizes[0] as {
    responses: number;
    in_target: number;
    rollups: number;
    rollups_in_target: number;
  };
  log(
    `responses ${int(size.responses)} (workspace ${int(size.in_target)}), rollup rows ${int(size.rollups)} ` +
      `(workspace ${int(size.rollups_in_target)}); loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const app = benchApp(db);
  const headers = { authorization: `Bearer ${key}` };
  let report: { n: number; groups?: Group[] } = { n: 0 };
  const timeReport = async () => {
    const t0 = performance.now();
    const res = await app.request(PATH, { headers });
    report = (await res.json()) as typeof report;
    if (res.status !== 200) throw new Error(`status ${res.status}: ${JSON.stringify(report)}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < WARMUP; i++) await timeReport();
  const rollupMs: number[] = [];
  for (let i = 0; i < RUNS; i++) rollupMs.push(await timeReport());

  let naive: Group[] = [];
  const timeNaive = async () => {
    const t0 = performance.now();
    naive = await naiveReport(db, target);
    return performance.now() - t0;
  };
  await timeNaive(); // warm-up: sets hint bits, fills the cache
  const naiveMs: number[] = [];
  for (let i = 0; i < NAIVE_RUNS; i++) naiveMs.push(await timeNaive());
  await open.close();
  const breakdown = await statementTimes(url, target);

  const groups = new Map((report.groups ?? []).map((g) => [g.key, g]));
  const mismatches = naive.filter((g) => groups.get(g.key)?.n !== g.n || groups.get(g.key)?.nps !== g.nps);
  const same = mismatches.length === 0 && groups.size === naive.length;
  const rollupMedian = median(rollupMs);
  const naiveMedian = median(naiveMs);

  printTable(
    `NPS by month × touchpoint, workspace of ${int(size.in_target)} in ${int(size.responses)} responses, PostgreSQL`,
    [
      ["path", "runs", "median", "p95", "vs naive"],
      [
        `GET ${PATH} (rollups)`,
        String(RUNS),
        ms(rollupMedian),
        ms(percentile(rollupMs, 95)),
        ratio(naiveMedian / rollupMedian),
      ],
      [
        "naive GROUP BY over raw responses (baseline)",
        String(NAIVE_RUNS),
        ms(naiveMedian),
        ms(percentile(naiveMs, 95)),
        "1.00×",
      ],
    ],
  );
  console.log(
    `\ngoal median ≤ ${GOAL_MEDIAN_MS} ms: ${verdict(rollupMedian <= GOAL_MEDIAN_MS)} (${ms(rollupMedian)})`,
  );
  console.log(
    `goal naive/rollup ≥ ${GOAL_RATIO}×: ${verdict(naiveMedian / rollupMedian >= GOAL_RATIO)} (${ratio(naiveMedian / rollupMedian)})`,
  );
  console.log(
    `check: ${naive.length} groups (month × touchpoint), report n ${int(report.n)}; n and NPS per group ` +
      `${same ? "equal" : `DIFFER in ${mismatches.length} groups (report has ${groups.size})`}`,
  );
  printTable(`Where the report's time goes: each statement of getReport alone (${RUNS} runs, interleaved)`, [
    ["statement", "median", "p95"],
    ...breakdown,
  ]);
  if (!same) process.exitCode = 1;
}

await main();
