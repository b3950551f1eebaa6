// The admin overview over a demo-scale workspace (issue #5): every API call the overview page makes, for
// each filter of its filter bar and for all of them at once, through the HTTP app in process, on
// PostgreSQL. 1,000,000 responses over 18 months in the measured workspace and as many in a second one
// (interleaved in the same tables, so tenancy filtering matters), 20,000 contacts with attributes each,
// sends behind ~60 % of the responses plus unanswered ones (response rate ~40 %). Baseline, same run: the
// naive query over the raw rows for the same call and filters; the bench also checks that both agree.
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { createApiKey } from "../packages/server/src/domain/auth/api-keys.ts";
import { createUser } from "../packages/server/src/domain/auth/users.ts";
import { refreshRollupsFully } from "../packages/server/src/domain/reports/refresh-rollups.ts";
import { rebuildRollups } from "../packages/server/src/domain/responses/rebuild-rollups.ts";
import { cesFromCounts } from "../packages/server/src/domain/scores/ces.ts";
import { csatFromCounts } from "../packages/server/src/domain/scores/csat.ts";
import { npsFromCounts } from "../packages/server/src/domain/scores/nps.ts";
import type { SurveyKind } from "../packages/server/src/domain/scores/scales.ts";
import { createSurvey } from "../packages/server/src/domain/surveys/surveys.ts";
import { createTouchpoint } from "../packages/server/src/domain/touchpoints/touchpoints.ts";
import { createWorkspace } from "../packages/server/src/domain/workspaces/workspaces.ts";
import { migrateToLatest } from "../packages/server/src/db/migrate.ts";
import { openPostgres, type Db } from "../packages/server/src/db/open.ts";
import { benchApp } from "./support/app.ts";
import { int, log, median, ms, percentile, printTable, ratio, verdict } from "./support/measure.ts";
import { databaseUrl, freshDatabase, serverVersion } from "./support/postgres.ts";
import { scoreWeights } from "./support/random.ts";

const RESPONSES = Number(process.env.BENCH_OVERVIEW_RESPONSES ?? 1_000_000); // per workspace
const CONTACTS = 20_000; // per workspace
const WORKSPACES = 2; // the measured one and a second of the same size
const HISTORY_DAYS = 548; // 18 months
const CONTACT_SHARE = 0.7; // responses tied to a contact
const SEND_SHARE = 0.6; // responses behind a send (all of them tied to a contact)
const RESPONSE_RATE = 0.4; // answered sends / sends
const TEST_SENDS = 500; // campaign test sends, which the response rate leaves out
const WARMUP = Number(process.env.BENCH_OVERVIEW_WARMUP ?? 10);
const RUNS = Number(process.env.BENCH_OVERVIEW_RUNS ?? 100);
const NAIVE_RUNS = Number(process.env.BENCH_OVERVIEW_NAIVE_RUNS ?? 5);
const GOAL_MEDIAN_MS = 50;
const DATABASE = "koe_bench_overview";
const REUSE = process.env.BENCH_OVERVIEW_REUSE === "1";
const ADMIN = { email: "bench-admin@example.com", password: "bench-password-123" };
const TIME_ZONES = ["Asia/Tokyo", "America/New_York"];

// As bench/support/import-rows.ts: the demo's kinds of surveys and touchpoints, with teams and stages.
const surveyDefs = [
  { name: "Relationship NPS", kind: "nps", weight: 45 },
  { name: "Support NPS", kind: "nps", weight: 25 },
  { name: "Support CSAT", kind: "csat", weight: 20 },
  { name: "Onboarding CES", kind: "ces", weight: 10 },
] as const;
const touchpointDefs = [
  { name: "Product", kind: "product", channel: "in_app", team: "Product", stage: "adoption", weight: 30 },
  {
    name: "Support (phone)",
    kind: "support",
    channel: "phone",
    team: "Customer Support",
    stage: "support",
    weight: 12,
  },
  {
    name: "Support (email)",
    kind: "support",
    channel: "email",
    team: "Customer Support",
    stage: "support",
    weight: 12,
  },
  {
    name: "Support (chat)",
    kind: "support",
    channel: "chat",
    team: "Customer Support",
    stage: "support",
    weight: 12,
  },
  { name: "Sales", kind: "sales", channel: "in_person", team: "Sales", stage: "purchase", weight: 8 },
  {
    name: "Webinar",
    kind: "marketing",
    channel: "web",
    team: "Marketing",
    stage: "consideration",
    weight: 6,
  },
  {
    name: "Onboarding",
    kind: "onboarding",
    channel: "email",
    team: "Customer Success",
    stage: "onboarding",
    weight: 6,
  },
  { name: "Billing", kind: "billing", channel: "email", team: "Finance", stage: "renewal", weight: 4 },
] as const;
const NO_TOUCHPOINT_WEIGHT = 10;
const plans = { free: 40, pro: 40, enterprise: 20 };
const regions = { "North America": 35, Europe: 25, APAC: 20, Japan: 12, "Latin America": 8 };
const roles = ["Member", "Admin", "Team lead", "Executive"];

/** Cumulative thresholds for width_bucket: a uniform draw becomes an index with the given weights. */
function thresholds(weights: readonly number[]): string {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const cuts = weights.slice(0, -1).map((w) => (sum += w) / total);
  return `array[${cuts.join(",")}]::float8[]`;
}
const pickText = (r: string, weighted: Record<string, number>) =>
  `(array[${Object.keys(weighted)
    .map((k) => `'${k}'`)
    .join(",")}])[1 + width_bucket(${r}, ${thresholds(Object.values(weighted))})]`;

/** Workspaces, surveys and touchpoints through the domain; contacts in bulk with their attributes. */
async function createTenants(db: Db): Promise<void> {
  await sql`create table bench_ws (n int primary key, id uuid not null)`.execute(db);
  await sql`create table bench_sv (ws int, k int, id uuid not null, kind text not null, primary key (ws, k))`.execute(
    db,
  );
  await sql`create table bench_tp (ws int, k int, id uuid not null, channel text not null, primary key (ws, k))`.execute(
    db,
  );
  await sql`create table bench_ct (ws int, k int, id uuid not null, primary key (ws, k))`.execute(db);
  for (let n = 0; n < WORKSPACES; n++) {
    const name = n === 0 ? "Bench overview target" : `Bench tenant ${n}`;
    const id = await createWorkspace(db, { name, timeZone: TIME_ZONES[n % TIME_ZONES.length] as string });
    await sql`insert into bench_ws values (${n}, ${id})`.execute(db);
    for (const [k, s] of surveyDefs.entries()) {
      const survey = await createSurvey(db, id, {
        name: s.name,
        kind: s.kind,
        question: { ja: `${s.name}について教えてください`, en: `Tell us about ${s.name}` },
        followUps: {},
        defaultLocale: "ja",
        status: "active",
      });
      await sql`insert into bench_sv values (${n}, ${k}, ${survey.id}, ${s.kind})`.execute(db);
    }
    for (const [k, t] of touchpointDefs.entries()) {
      const tp = await createTouchpoint(db, id, {
        name: t.name,
        kind: t.kind,
        channel: t.channel,
        team: t.team,
        journeyStage: t.stage,
      });
      await sql`insert into bench_tp values (${n}, ${k}, ${tp.id}, ${t.channel})`.execute(db);
    }
    await sql`
      with made as (
        insert into contacts (workspace_id, id, email, name, locale, time_zone, external_id, attributes)
        select ${id}::uuid, gen_random_uuid(), 'contact' || g || '@w' || ${n}::int || '.example.com',
               'Contact ' || g, case when g % 5 < 3 then 'ja' else 'en' end, 'Asia/Tokyo', 'user-' || g,
               jsonb_build_object('plan', ${sql.raw(pickText("r1", plans))},
                                  'region', ${sql.raw(pickText("r2", regions))},
                                  'seats', 1 + floor(r3 * 200)::int,
                                  'role', (array[${sql.join(roles)}])[1 + floor(r4 * ${roles.length})::int])
        from (select g, random() as r1, random() as r2, random() as r3, random() as r4
              from generate_series(0, ${CONTACTS - 1}) g) x
        returning id, external_id
      )
      insert into bench_ct select ${n}, substr(external_id, 6)::int, id from made`.execute(db);
  }
}

interface Rebuild {
  drop: string[];
  create: string[];
}

/** Indexes and keys of a table that can be dropped for the load and built afterwards (faster). */
async function tableIndexes(client: pg.Client, table: string): Promise<Rebuild> {
  const { rows } = await client.query<{
    name: string;
    def: string;
    con: string | null;
    condef: string | null;
    referenced: boolean;
  }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as def, c.conname as con, pg_get_constraintdef(c.oid) as condef,
            exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = x.indexrelid) as referenced
     from pg_index x join pg_class i on i.oid = x.indexrelid
     left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid
     where x.indrelid = $1::regclass`,
    [table],
  );
  const plan: Rebuild = { drop: [], create: [] };
  for (const r of rows) {
    if (r.referenced) continue; // a key other tables point at stays in place
    if (r.con && r.condef) {
      plan.drop.push(`alter table ${table} drop constraint ${r.con}`);
      plan.create.push(`alter table ${table} add constraint ${r.con} ${r.condef}`);
    } else {
      plan.drop.push(`drop index ${r.name}`);
      plan.create.push(r.def);
    }
  }
  return plan;
}

async function load(url: string, db: Db): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const run = async (label: string, text: string) => {
    const t0 = performance.now();
    const res = await client.query(text);
    log(
      `${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s${res.rowCount ? ` (${int(res.rowCount)} rows)` : ""}`,
    );
  };
  // A bulk load skips the per-row FK triggers (the ids come from the tables just made) and builds the
  // indexes once at the end; the data is the same as rows inserted one by one.
  await client.query("set session_replication_role = replica");
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set work_mem = '512MB'");
  const rebuild = [await tableIndexes(client, "responses"), await tableIndexes(client, "sends")];
  for (const d of rebuild.flatMap((r) => r.drop)) await client.query(d);

  const total = RESPONSES * WORKSPACES;
  const survey = thresholds(surveyDefs.map((s) => s.weight));
  const touchpoint = thresholds([...touchpointDefs.map((t) => t.weight), NO_TOUCHPOINT_WEIGHT]);
  const nps = thresholds(scoreWeights.nps);
  const csat = thresholds(scoreWeights.csat.slice(1));
  const ces = thresholds(scoreWeights.ces.slice(1));
  // Rows of both workspaces alternate, so each one's rows are spread over the whole table.
  await run(
    `${int(total)} responses`,
    `insert into responses (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, score, segment,
                            comment, locale, metadata, source, created_at, send_id)
     select w.id, gen_random_uuid(), s.id, c.id, t.id,
            coalesce(case when g.r8 < 0.75 then t.channel else 'email' end, (array['email', 'web', 'other'])[1 + (g.n % 3)]),
            x.score,
            case when s.kind = 'nps' then case when x.score <= 6 then 'detractor' when x.score <= 8 then 'passive' else 'promoter' end
                 when s.kind = 'csat' then case when x.score <= 2 then 'unhappy' when x.score = 3 then 'neutral' else 'happy' end
                 else case when x.score <= 3 then 'unhappy' when x.score = 4 then 'neutral' else 'happy' end end,
            case when g.r4 < 0.3 then (array[
              'Support answered within minutes and fixed it.', 'Pricing is confusing once you add seats.',
              'サポートの対応がとても早くて助かりました。', '料金がもう少し分かりやすいと嬉しいです。',
              'The dashboard is much faster since the update.', '電話がなかなかつながりませんでした。'])[1 + floor(g.r4 * 20)::int]
            end,
            case when g.n % 5 < 3 then 'ja' else 'en' end, '{}',
            case when c.id is null then 'widget' when g.r7 < ${SEND_SHARE / CONTACT_SHARE} then 'email' else 'import' end,
            now() - g.r5 * interval '${HISTORY_DAYS} days',
            case when c.id is not null and g.r7 < ${SEND_SHARE / CONTACT_SHARE} then gen_random_uuid() end
     from (select n, n % ${WORKSPACES} as ws, random() as r1, random() as r2, random() as r3, random() as r4,
                  random() as r5, random() as r6, random() as r7, random() as r8
           from generate_series(0, ${total - 1}) n) g
     join bench_ws w on w.n = g.ws
     join bench_sv s on s.ws = g.ws and s.k = width_bucket(g.r1, ${survey})
     left join bench_tp t on t.ws = g.ws and t.k = width_bucket(g.r2, ${touchpoint})
     left join bench_ct c on g.r6 < ${CONTACT_SHARE} and c.ws = g.ws and c.k = floor(g.r6 / ${CONTACT_SHARE} * ${CONTACTS})::int
     cross join lateral (select case s.kind when 'nps' then width_bucket(g.r3, ${nps})
                                            when 'csat' then 1 + width_bucket(g.r3, ${csat})
                                            else 1 + width_bucket(g.r3, ${ces}) end as score) x`,
  );
  // Sends in the order they were made (the product creates each at its time): the one behind each answered
  // email a few hours before its answer, and the unanswered ones.
  const unanswered = Math.round(SEND_SHARE * RESPONSES * (1 / RESPONSE_RATE - 1) * WORKSPACES);
  await run(
    "sends",
    `insert into sends (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, metadata, expires_at, created_at)
     select workspace_id, id, survey_id, contact_id, touchpoint_id, channel, metadata, at + interval '30 days', at
     from (
       select workspace_id, send_id as id, survey_id, contact_id, touchpoint_id, channel, '{}'::jsonb as metadata,
              created_at - (0.5 + random() * 71.5) * interval '1 hour' as at
       from responses where send_id is not null
       union all
       select w.id, gen_random_uuid(), s.id, c.id, t.id, coalesce(case when g.r8 < 0.75 then t.channel end, 'email'),
              case when g.n < ${TEST_SENDS * WORKSPACES} then '{"test": true}'::jsonb else '{}'::jsonb end, g.at
       from (select n, n % ${WORKSPACES} as ws, random() as r1, random() as r2, random() as r6, random() as r8,
                    now() - random() * interval '${HISTORY_DAYS} days' as at
             from generate_series(0, ${unanswered - 1}) n) g
       join bench_ws w on w.n = g.ws
       join bench_sv s on s.ws = g.ws and s.k = width_bucket(g.r1, ${survey})
       left join bench_tp t on t.ws = g.ws and t.k = width_bucket(g.r2, ${touchpoint})
       join bench_ct c on c.ws = g.ws and c.k = floor(g.r6 * ${CONTACTS})::int
     ) all_sends
     order by at`,
  );
  for (const c of rebuild.flatMap((r) => r.create)) await run(c.replace(/\s+/g, " ").slice(0, 80), c);
  await client.query("set session_replication_role = origin");
  await client.end();
  // The rollups as the product builds them: what a new time zone runs (response_rollups at once, every day
  // of the attribute and send rollups noted as changed), then the rollup job until it has nothing left.
  const { rows } = await sql<{ id: string }>`select id from bench_ws order by n`.execute(db);
  for (const { id } of rows) {
    const t0 = performance.now();
    await db.transaction().execute((tx) => rebuildRollups(tx, id));
    log(`response rollups of workspace ${id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // What autovacuum does to a table after a bulk load (it is off on this machine): analyze it, and set
  // the visibility map that index-only scans rely on.
  const t0 = performance.now();
  await sql`vacuum analyze`.execute(db);
  log(`vacuum analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await runRollupJob(db);
  await sql`checkpoint`.execute(db);
}

/** The product's rollup job (attribute and send rollups) until it has nothing left to recompute. */
async function runRollupJob(db: Db): Promise<void> {
  const t0 = performance.now();
  const days = await refreshRollupsFully(db);
  const { rows } = await sql<{ attribute: number; send: number }>`
    select (select count(*) from attribute_rollups)::int as attribute, (select count(*) from send_rollups)::int as send`.execute(
    db,
  );
  log(
    `rollup job: ${int(days)} days recomputed in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(attribute rollup rows ${int(rows[0]?.attribute ?? 0)}, send rollup rows ${int(rows[0]?.send ?? 0)})`,
  );
  await sql`vacuum analyze attribute_rollups, send_rollups, rollup_attributes, rollup_changes`.execute(db); // autovacuum's job
}

/** A fresh database with both workspaces and their rows. */
async function loadDatabase() {
  const { open, url } = await freshDatabase(DATABASE);
  log(`PostgreSQL ${await serverVersion(url)}; loading ${int(RESPONSES * WORKSPACES)} responses…`);
  await createTenants(open.db);
  await load(url, open.db);
  return { open, url };
}

/** BENCH_OVERVIEW_REUSE=1: the database of the last run as it is (migrated to the current code). */
async function reuseDatabase() {
  const url = databaseUrl(DATABASE);
  const open = await openPostgres(url);
  await migrateToLatest(open.db as unknown as Kysely<unknown>);
  log(`PostgreSQL ${await serverVersion(url)}; reusing ${DATABASE} from the last run`);
  await runRollupJob(open.db); // what changed since (a new migration notes every day of every send)
  return { open, url };
}

// ---------------------------------------------------------------------------------------------------------
// The overview's calls and the filter sets

interface Fixture {
  ws: string;
  timeZone: string;
  key: string;
  cookie: string;
  survey: string;
  touchpoint: string;
  team: string;
  attribute: [string, string];
}

async function fixture(db: Db): Promise<Fixture> {
  const { rows } = await sql<{ id: string; time_zone: string }>`
    select w.id, w.time_zone from bench_ws b join workspaces w on w.id = b.id where b.n = 0`.execute(db);
  const { id: ws, time_zone: timeZone } = rows[0] as { id: string; time_zone: string };
  const { key } = await createApiKey(db, ws, { role: "viewer", name: "bench" });
  const pick = async (table: "surveys" | "touchpoints", name: string) =>
    (
      await db
        .selectFrom(table)
        .select("id")
        .where("workspace_id", "=", ws)
        .where("name", "=", name)
        .executeTakeFirstOrThrow()
    ).id;
  await db.deleteFrom("users").where("workspace_id", "=", ws).execute();
  await createUser(db, ws, { ...ADMIN, role: "viewer" });
  return {
    ws,
    timeZone,
    key,
    cookie: "",
    survey: await pick("surveys", "Relationship NPS"),
    touchpoint: await pick("touchpoints", "Support (email)"),
    team: "Customer Support",
    attribute: ["plan", "pro"],
  };
}

interface Filters {
  from: string;
  to: string;
  surveyId?: string;
  touchpoint?: string;
  channel?: string;
  team?: string;
  attribute?: [string, string];
}

/** The last 12 months as the admin's filter bar makes them: today in the workspace's time zone and 364 days before. */
function lastYear(timeZone: string): { from: string; to: string } {
  const to = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

function filterSets(f: Fixture): { name: string; filters: Filters }[] {
  const period = lastYear(f.timeZone);
  return [
    { name: "none", filters: period },
    { name: "survey", filters: { ...period, surveyId: f.survey } },
    { name: "touchpoint", filters: { ...period, touchpoint: f.touchpoint } },
    { name: "channel", filters: { ...period, channel: "email" } },
    { name: "team", filters: { ...period, team: f.team } },
    { name: `attribute ${f.attribute.join("=")}`, filters: { ...period, attribute: f.attribute } },
    {
      name: "all five",
      filters: {
        ...period,
        surveyId: f.survey,
        touchpoint: f.touchpoint,
        channel: "email",
        team: f.team,
        attribute: f.attribute,
      },
    },
  ];
}

/** The admin's reportQuery(): the filters as /reports query parameters. */
function reportParams(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const key of ["from", "to", "surveyId", "touchpoint", "channel", "team"] as const) {
    const v = f[key];
    if (v) q.set(key, v);
  }
  if (f.attribute) q.set(`attribute.${f.attribute[0]}`, f.attribute[1]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

interface Call {
  name: string;
  path: (f: Filters) => string;
  /** What the bench compares with the naive query. */
  figures: (body: Record<string, unknown>) => Record<string, unknown>;
  naive?: (db: Db, ws: string, f: Filters) => Promise<Record<string, unknown>>;
}

const summaries = { nps: npsFromCounts, csat: csatFromCounts, ces: cesFromCounts };
const headline = { nps: "nps", csat: "csat", ces: "ces" } as const;

/** The raw rows' filters: the same as the report's, written plainly. */
function rawFilters(alias: string, ws: string, f: Filters) {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const where = [sql`${col("workspace_id")} = ${ws}`];
  if (f.surveyId) where.push(sql`${col("survey_id")} = ${f.surveyId}`);
  if (f.touchpoint) where.push(sql`${col("touchpoint_id")} = ${f.touchpoint}`);
  if (f.channel) where.push(sql`${col("channel")} = ${f.channel}`);
  if (f.team) where.push(sql`tp.team = ${f.team}`);
  if (f.attribute) where.push(sql`ct.attributes ->> ${f.attribute[0]} = ${f.attribute[1]}`);
  return where;
}

/** The naive histogram per group: a GROUP BY over the raw responses of the period. */
async function naiveHistograms(
  db: Db,
  ws: string,
  kind: SurveyKind,
  f: Filters,
  byMonth: boolean,
): Promise<Map<string, number[]>> {
  const day = sql`(r.created_at at time zone w.time_zone)::date`;
  const group = byMonth ? sql`to_char(${day}, 'YYYY-MM')` : sql`''`;
  const { rows } = await sql<{ g: string; score: number; n: number }>`
    select ${group} as g, r.score, count(*)::int as n
    from responses r
    join workspaces w on w.id = r.workspace_id
    join surveys s on s.workspace_id = r.workspace_id and s.id = r.survey_id
    left join touchpoints tp on tp.workspace_id = r.workspace_id and tp.id = r.touchpoint_id
    left join contacts ct on ct.workspace_id = r.workspace_id and ct.id = r.contact_id
    where ${sql.join([...rawFilters("r", ws, f), sql`s.kind = ${kind}`, sql`${day} between ${f.from}::date and ${f.to}::date`], sql` and `)}
    group by 1, 2`.execute(db);
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const hist = out.get(r.g) ?? Array<number>(11).fill(0);
    hist[r.score] = r.n;
    out.set(r.g, hist);
  }
  return out;
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function kindCall(kind: SurveyKind): Call {
  return {
    name: `GET /reports/${kind}`,
    path: (f) => `/api/v1/reports/${kind}?${reportParams(f)}`,
    figures: (b) => ({ n: b.n, [headline[kind]]: b[headline[kind]] }),
    naive: async (db, ws, f) => {
      const hist = (await naiveHistograms(db, ws, kind, f, false)).get("") ?? Array<number>(11).fill(0);
      const s = summaries[kind](hist) as unknown as Record<string, unknown>;
      return { n: s.n, [headline[kind]]: s[headline[kind]] };
    },
  };
}

const calls: Call[] = [
  {
    name: "GET /reports/nps &compare=previous",
    path: (f) => `/api/v1/reports/nps?${reportParams(f, { compare: "previous" })}`,
    figures: (b) => {
      const p = b.previous as Record<string, unknown> | undefined;
      return { n: b.n, nps: b.nps, previousN: p?.n, previousNps: p?.nps };
    },
    naive: async (db, ws, f) => {
      const days = Math.round((Date.parse(f.to) - Date.parse(f.from)) / DAY) + 1;
      const before = { from: isoDay(Date.parse(f.from) - days * DAY), to: isoDay(Date.parse(f.from) - DAY) };
      const empty = Array<number>(11).fill(0);
      const now = npsFromCounts((await naiveHistograms(db, ws, "nps", f, false)).get("") ?? empty);
      const then = npsFromCounts(
        (await naiveHistograms(db, ws, "nps", { ...f, ...before }, false)).get("") ?? empty,
      );
      return { n: now.n, nps: now.nps, previousN: then.n, previousNps: then.nps };
    },
  },
  {
    name: "GET /reports/nps &groupBy=month",
    path: (f) => `/api/v1/reports/nps?${reportParams(f, { groupBy: "month" })}`,
    figures: (b) => ({
      n: b.n,
      groups: ((b.groups ?? []) as { key: string; n: number; nps: number | null }[])
        .map((g) => `${g.key}:${g.n}:${g.nps}`)
        .join(" "),
    }),
    naive: async (db, ws, f) => {
      const groups = [...(await naiveHistograms(db, ws, "nps", f, true)).entries()].sort(([a], [b]) =>
        a < b ? -1 : 1,
      );
      const summaries = groups.map(([key, hist]) => ({ key, ...npsFromCounts(hist) }));
      return {
        n: summaries.reduce((a, g) => a + g.n, 0),
        groups: summaries.map((g) => `${g.key}:${g.n}:${g.nps}`).join(" "),
      };
    },
  },
  kindCall("csat"),
  kindCall("ces"),
  {
    name: "GET /reports/response-rate",
    path: (f) => `/api/v1/reports/response-rate?${reportParams(f)}`,
    figures: (b) => ({ sends: b.sends, responded: b.responded }),
    naive: async (db, ws, f) => {
      const day = sql`(s.created_at at time zone w.time_zone)::date`;
      const { rows } = await sql<{ sends: number; responded: number }>`
        select count(*)::int as sends, count(r.id)::int as responded
        from sends s
        join workspaces w on w.id = s.workspace_id
        left join responses r on r.workspace_id = s.workspace_id and r.send_id = s.id
        left join touchpoints tp on tp.workspace_id = s.workspace_id and tp.id = s.touchpoint_id
        left join contacts ct on ct.workspace_id = s.workspace_id and ct.id = s.contact_id
        where ${sql.join([...rawFilters("s", ws, f), sql`(s.metadata ->> 'test') is distinct from 'true'`, sql`${day} between ${f.from}::date and ${f.to}::date`], sql` and `)}`.execute(
        db,
      );
      return rows[0] ?? {};
    },
  },
];

/** The filter bar's own calls: the same for every filter set. */
const barCalls = [
  { name: "GET /session", path: "/api/v1/session", cookie: true },
  { name: "GET /surveys?limit=1000", path: "/api/v1/surveys?limit=1000", cookie: false },
  { name: "GET /touchpoints?limit=1000", path: "/api/v1/touchpoints?limit=1000", cookie: false },
];

/**
 * Today's answers and invitations arriving after the job's last run, as on a live workspace: the reports
 * read today from the raw rows (the job is not run again before measuring).
 */
async function liveChanges(app: ReturnType<typeof benchApp>, db: Db, ws: string): Promise<void> {
  const { key } = await createApiKey(db, ws, { role: "owner", name: "bench live" });
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const { rows } = await sql<{ contact: string; survey: string; touchpoint: string | null }>`
    select c.id as contact, s.id as survey, t.id as touchpoint
    from bench_ct c join bench_sv s on s.ws = 0 and s.k = c.k % ${surveyDefs.length}
    left join bench_tp t on t.ws = 0 and t.k = c.k % ${touchpointDefs.length + 1}
    where c.ws = 0 and c.k >= ${Math.floor(Math.random() * (CONTACTS - 600))} order by c.k limit 500`.execute(
    db,
  );
  const body = rows.map((r, i) => ({
    surveyId: r.survey,
    contactId: r.contact,
    touchpointId: r.touchpoint,
    score: 1 + (i % 5),
    source: "api",
  }));
  const res = await app.request("/api/v1/responses", { method: "POST", headers, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`live responses: ${res.status} ${await res.text()}`);
  for (const r of rows.slice(0, 100)) {
    const sent = await app.request("/api/v1/sends", {
      method: "POST",
      headers,
      body: JSON.stringify({ surveyId: r.survey, contactId: r.contact, touchpointId: r.touchpoint }),
    });
    if (sent.status !== 201) throw new Error(`live send: ${sent.status} ${await sent.text()}`);
  }
  const { rows: noted } = await sql<{ rollup: string; days: number }>`
    select rollup, count(distinct d)::int as days from rollup_changes c cross join lateral unnest(c.days) d
    where workspace_id = ${ws} group by 1
    order by 1`.execute(db);
  log(
    `live: ${rows.length} responses and 100 sends today through the API; days not yet recomputed: ` +
      (noted.map((n) => `${n.rollup} ${n.days}`).join(", ") || "none"),
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const { open } = REUSE ? await reuseDatabase() : await loadDatabase();
  const db = open.db;
  const f = await fixture(db);
  const { rows: sizes } = await sql<Record<string, number>>`
    select (select count(*) from responses)::int as responses,
           (select count(*) from responses where workspace_id = ${f.ws})::int as in_target,
           (select count(*) from responses where workspace_id = ${f.ws} and contact_id is not null)::int as with_contact,
           (select count(*) from sends)::int as sends,
           (select count(*) from sends where workspace_id = ${f.ws})::int as sends_in_target,
           (select count(*) from contacts where workspace_id = ${f.ws})::int as contacts,
           (select count(*) from response_rollups where workspace_id = ${f.ws})::int as rollups`.execute(db);
  const size = sizes[0] as Record<string, number>;
  log(
    `responses ${int(size.responses ?? 0)} (workspace ${int(size.in_target ?? 0)}, ${int(size.with_contact ?? 0)} with a contact), ` +
      `sends ${int(size.sends ?? 0)} (workspace ${int(size.sends_in_target ?? 0)}), contacts ${int(size.contacts ?? 0)}, ` +
      `rollup rows ${int(size.rollups ?? 0)}; ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const app = benchApp(db);
  const signIn = await app.request("/api/v1/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  f.cookie = /koe_session=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1] ?? "";
  if (signIn.status !== 200 || !f.cookie) throw new Error(`sign-in failed: ${signIn.status}`);
  const request = async (path: string, cookie = false) => {
    const t0 = performance.now();
    const res = await app.request(path, {
      headers: cookie ? { cookie: `koe_session=${f.cookie}` } : { authorization: `Bearer ${f.key}` },
    });
    const body = (await res.json()) as Record<string, unknown>;
    return { ms: performance.now() - t0, status: res.status, body };
  };

  await liveChanges(app, db, f.ws);
  const sets = filterSets(f);
  log(
    `period ${sets[0]?.filters.from} … ${sets[0]?.filters.to}; ${WARMUP} warm-up + ${RUNS} runs per call, interleaved`,
  );
  // Each filter set in turn; within it, every call once per run, in the page's order.
  const results: {
    set: string;
    call: string;
    times: number[];
    status: number;
    body: Record<string, unknown>;
  }[] = [];
  {
    const times = barCalls.map(() => [] as number[]);
    const last: { status: number; body: Record<string, unknown> }[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [j, c] of barCalls.entries()) {
        const r = await request(c.path, c.cookie);
        if (i >= WARMUP) (times[j] as number[]).push(r.ms);
        last[j] = r;
      }
    }
    barCalls.forEach((c, j) =>
      results.push({
        set: "(any)",
        call: c.name,
        times: times[j] as number[],
        ...(last[j] as (typeof last)[0]),
      }),
    );
  }
  for (const s of sets) {
    const times = calls.map(() => [] as number[]);
    const last: { status: number; body: Record<string, unknown> }[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [j, c] of calls.entries()) {
        const r = await request(c.path(s.filters));
        if (i >= WARMUP) (times[j] as number[]).push(r.ms);
        last[j] = r;
      }
    }
    calls.forEach((c, j) =>
      results.push({
        set: s.name,
        call: c.name,
        times: times[j] as number[],
        ...(last[j] as (typeof last)[0]),
      }),
    );
    log(`filter set "${s.name}" measured`);
  }

  // Baseline: the naive query over the raw rows for the same call and filters, and the check.
  const naive = new Map<string, { times: number[]; figures: Record<string, unknown> }>();
  for (const s of sets) {
    for (const c of calls) {
      if (!c.naive) continue;
      const times: number[] = [];
      let figures: Record<string, unknown> = {};
      for (let i = 0; i <= NAIVE_RUNS; i++) {
        const t0 = performance.now();
        figures = await c.naive(db, f.ws, s.filters);
        if (i > 0) times.push(performance.now() - t0); // the first run warms the cache
      }
      naive.set(`${s.name}|${c.name}`, { times, figures });
    }
    log(`baseline for "${s.name}" measured`);
  }
  await open.close();

  const rows = [
    ["call", "filters", "status", "median", "p95", "goal ≤ 50 ms", "naive median", "vs naive", "check"],
  ];
  let missed = 0;
  let differ = 0;
  for (const r of results) {
    const m = median(r.times);
    const met = r.status === 200 && m <= GOAL_MEDIAN_MS;
    if (!met) missed++;
    const b = naive.get(`${r.set}|${r.call}`);
    const call = calls.find((c) => c.name === r.call);
    let check = "";
    if (b && call) {
      const got = JSON.stringify(r.status === 200 ? call.figures(r.body) : { status: r.status });
      const want = JSON.stringify(b.figures);
      check = got === want ? "same" : `DIFFERS: ${got} vs naive ${want}`;
      if (got !== want) differ++;
    }
    rows.push([
      r.call,
      r.set,
      String(r.status),
      ms(m),
      ms(percentile(r.times, 95)),
      verdict(met),
      b ? ms(median(b.times)) : "",
      b ? ratio(median(b.times) / m) : "",
      check,
    ]);
  }
  printTable(
    `Admin overview, last 12 months, workspace of ${int(size.in_target ?? 0)} in ${int(size.responses ?? 0)} responses, ` +
      `PostgreSQL; ${RUNS} runs per call (naive: ${NAIVE_RUNS})`,
    rows,
  );
  console.log(
    `\ngoal every call ≤ ${GOAL_MEDIAN_MS} ms median: ${verdict(missed === 0)} (${missed} of ${results.length} missed)`,
  );
  console.log(
    `check: ${differ === 0 ? "every report equals the naive query" : `${differ} DIFFER from the naive query`}`,
  );
  if (differ > 0) process.exitCode = 1;
}

await main();
