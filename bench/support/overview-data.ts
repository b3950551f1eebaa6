// bench/overview.ts's data: two tenants of demo-scale history (surveys, touchpoints with teams and stages,
// contacts with attributes, responses, sends), generated in SQL with the indexes rebuilt afterwards, and the
// rollup job run once, or an earlier load reused (BENCH_OVERVIEW_REUSE=1).
import { sql, type Kysely } from "kysely";
import { refreshRollupsFully } from "../../packages/server/src/domain/rollups/refresh-rollups.ts";
import { rebuildRollups } from "../../packages/server/src/domain/rollups/rebuild-rollups.ts";
import { createSurvey } from "../../packages/server/src/domain/surveys/surveys.ts";
import { createTouchpoint } from "../../packages/server/src/domain/touchpoints/touchpoints.ts";
import { createWorkspace } from "../../packages/server/src/domain/workspaces/workspaces.ts";
import { migrateToLatest } from "../../packages/server/src/db/migrate.ts";
import { openPostgres, type Db } from "../../packages/server/src/db/open.ts";
import { int, log } from "./measure.ts";
import { databaseUrl, freshDatabase, serverVersion } from "./postgres.ts";
import { bulkLoadClient, tableIndexes } from "./bulk-load.ts";
import { scoreWeights } from "./random.ts";

export const RESPONSES = Number(process.env.BENCH_OVERVIEW_RESPONSES ?? 1_000_000); // per workspace
export const CONTACTS = 20_000; // per workspace
const WORKSPACES = 2; // the measured one and a second of the same size
const HISTORY_DAYS = 548; // 18 months
const CONTACT_SHARE = 0.7; // responses tied to a contact
const SEND_SHARE = 0.6; // responses behind a send (all of them tied to a contact)
const RESPONSE_RATE = 0.4; // answered sends / sends
const TEST_SENDS = 500; // campaign test sends, which the response rate leaves out
const DATABASE = "koe_bench_overview";
export const REUSE = process.env.BENCH_OVERVIEW_REUSE === "1";
export const ADMIN = { email: "bench-admin@example.com", password: "bench-password-123" };
export const TIME_ZONES = ["Asia/Tokyo", "America/New_York"];

// As bench/support/import-rows.ts: the demo's kinds of surveys and touchpoints, with teams and stages.
export const surveyDefs = [
  { name: "Relationship NPS", kind: "nps", weight: 45 },
  { name: "Support NPS", kind: "nps", weight: 25 },
  { name: "Support CSAT", kind: "csat", weight: 20 },
  { name: "Onboarding CES", kind: "ces", weight: 10 },
] as const;
export const touchpointDefs = [
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

async function load(url: string, db: Db): Promise<void> {
  const { client, run } = await bulkLoadClient(url);
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
export async function loadDatabase() {
  const { open, url } = await freshDatabase(DATABASE);
  log(`PostgreSQL ${await serverVersion(url)}; loading ${int(RESPONSES * WORKSPACES)} responses…`);
  await createTenants(open.db);
  await load(url, open.db);
  return { open, url };
}

/** BENCH_OVERVIEW_REUSE=1: the database of the last run as it is (migrated to the current code). */
export async function reuseDatabase() {
  const url = databaseUrl(DATABASE);
  const open = await openPostgres(url);
  await migrateToLatest(open.db as unknown as Kysely<unknown>);
  log(`PostgreSQL ${await serverVersion(url)}; reusing ${DATABASE} from the last run`);
  await runRollupJob(open.db); // what changed since (a new migration notes every day of every send)
  return { open, url };
}
