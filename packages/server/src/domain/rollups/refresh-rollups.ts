// The job behind attribute_rollups and send_rollups: recomputes the days noted in rollup_changes, a bounded
// number per workspace and step, each workspace in its own transaction under an advisory lock (several
// processes may run it). Until a day is recomputed, reports read it from the raw rows, so the lag costs
// speed, never correctness.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { NO_TOUCHPOINT } from "./rollups.ts";
import { noteAllDaysChanged, onLocalDay, tryLockRollups, type ChangedRollup } from "./rollup-changes.ts";

/** An attribute is chosen for rolling up when it has at most this many values across the workspace's contacts… */
export const MAX_ROLLED_UP_VALUES = 100;
/** …and for at most this many attributes per workspace (the most used first). */
export const MAX_ROLLED_UP_ATTRIBUTES = 20;
/** Longer keys and values cannot be asked for in a report query (report-query.ts). */
const MAX_KEY = 64;
const MAX_VALUE = 200;
/** Days recomputed per rollup, workspace and step: one step stays a short transaction. */
export const DAYS_PER_STEP = 31;

const scores = Array.from({ length: 11 }, (_, s) => s);
const scoreColumns = sql.raw(scores.map((s) => `c${s}`).join(", "));
const countedScores = sql.raw(scores.map((s) => `count(*) filter (where r.score = ${s})::int`).join(", "));

const dayList = (days: string[]) => sql`unnest(${days}::date[])`;

/** Recomputes the given local days of a workspace's attribute rollups from its responses and contacts. */
async function recomputeAttributeDays(tx: Db, ws: string, days: string[]): Promise<void> {
  await sql`delete from attribute_rollups where workspace_id = ${ws} and day = any(${days}::date[])`.execute(
    tx,
  );
  await sql`
    insert into attribute_rollups (workspace_id, attribute, value, survey_kind, day, survey_id, touchpoint_id,
                                   channel, n, ${scoreColumns})
    select ${ws}::uuid, a.key, a.value, s.kind, r.day, r.survey_id, coalesce(r.touchpoint_id, ${NO_TOUCHPOINT}::uuid),
           r.channel, count(*)::int, ${countedScores}
    from ${dayList(days)} as d (day)
    cross join lateral (
      select d.day, r.survey_id, r.touchpoint_id, r.channel, r.score, r.contact_id from responses r
      where r.workspace_id = ${ws} and r.contact_id is not null and ${onLocalDay(sql`r.created_at`, sql`d.day`, ws)}
      offset 0 -- one index range per day, not a join over the whole table
    ) r
    join surveys s on s.workspace_id = ${ws} and s.id = r.survey_id
    join contacts c on c.workspace_id = ${ws} and c.id = r.contact_id
    cross join lateral jsonb_each_text(c.attributes) a
    join rollup_attributes k on k.workspace_id = ${ws} and k.attribute = a.key
    where a.value is not null and length(a.value) <= ${MAX_VALUE}
    group by 2, 3, 4, 5, 6, 7, 8`.execute(tx);
}

/** Recomputes the given local days of a workspace's send rollups: every send, and per attribute value. */
async function recomputeSendDays(tx: Db, ws: string, days: string[]): Promise<void> {
  await sql`delete from send_rollups where workspace_id = ${ws} and day = any(${days}::date[])`.execute(tx);
  await sql`
    insert into send_rollups (workspace_id, attribute, value, day, survey_id, touchpoint_id, channel, sends, responded)
    select ${ws}::uuid, g.attribute, g.value, s.day, s.survey_id, coalesce(s.touchpoint_id, ${NO_TOUCHPOINT}::uuid),
           s.channel, count(*)::int, count(*) filter (where s.responded)::int
    from ${dayList(days)} as d (day)
    cross join lateral (
      select d.day, s.survey_id, s.touchpoint_id, s.channel, s.contact_id,
             exists (select 1 from responses r where r.workspace_id = ${ws} and r.send_id = s.id) as responded
      from sends s
      where s.workspace_id = ${ws} and (s.metadata ->> 'test') is distinct from 'true'
        and ${onLocalDay(sql`s.created_at`, sql`d.day`, ws)}
      offset 0 -- one index range per day, not a join over the whole table
    ) s
    left join contacts c on c.workspace_id = ${ws} and c.id = s.contact_id
    cross join lateral (
      select '' as attribute, '' as value
      union all
      select a.key, a.value from jsonb_each_text(c.attributes) a
      join rollup_attributes k on k.workspace_id = ${ws} and k.attribute = a.key
      where a.value is not null and length(a.value) <= ${MAX_VALUE}
    ) g
    group by 2, 3, 4, 5, 6, 7`.execute(tx);
}

/**
 * Adds the attributes now worth rolling up (few values, most used first, up to the maximum). A new one
 * needs every day recomputed. Attributes are never dropped, so a report that found one rolled up can trust
 * the rollups for it.
 */
async function chooseAttributes(tx: Db, ws: string): Promise<void> {
  const { rows } = await sql<{ attribute: string }>`
    with existing as (select attribute from rollup_attributes where workspace_id = ${ws}),
    candidates as (
      select a.key as attribute, count(*) as uses from contacts c cross join lateral jsonb_each_text(c.attributes) a
      where c.workspace_id = ${ws} and a.value is not null and length(a.key) <= ${MAX_KEY}
        and length(a.value) <= ${MAX_VALUE}
        and a.key not in (select attribute from existing)
      group by a.key having count(distinct a.value) <= ${MAX_ROLLED_UP_VALUES}
    )
    insert into rollup_attributes (workspace_id, attribute)
    select ${ws}::uuid, attribute from candidates
    order by uses desc, attribute
    limit greatest(0, ${MAX_ROLLED_UP_ATTRIBUTES} - (select count(*) from existing))
    returning attribute`.execute(tx);
  if (rows.length > 0) await noteAllDaysChanged(tx, ws);
}

/**
 * Takes the latest noted days of one rollup (at most DAYS_PER_STEP), recomputes them and takes them off
 * the notes read (a note left with no day goes).
 */
async function refreshDays(tx: Db, ws: string, rollup: ChangedRollup): Promise<number> {
  const { rows } = await sql<{ id: string; days: string[] }>`
    select id::text, array(select to_char(d, 'YYYY-MM-DD') from unnest(days) d) as days from rollup_changes
    where workspace_id = ${ws} and rollup = ${rollup}`.execute(tx);
  if (rows.length === 0) return 0;
  const noted = [...new Set(rows.flatMap((r) => r.days))].sort();
  const days = noted.slice(-DAYS_PER_STEP);
  if (rollup === "attribute") await recomputeAttributeDays(tx, ws, days);
  else await recomputeSendDays(tx, ws, days);
  // Only the notes read above: a change committed since then keeps its note for the next step.
  const done = new Set(days);
  const finished = rows.filter((r) => r.days.every((d) => done.has(d))).map((r) => r.id);
  const shortened = rows.filter((r) => !r.days.every((d) => done.has(d))).map((r) => r.id);
  if (finished.length > 0)
    await sql`delete from rollup_changes where workspace_id = ${ws} and id = any(${finished}::bigint[])`.execute(
      tx,
    );
  if (shortened.length > 0)
    await sql`
      update rollup_changes set days = array(select d from unnest(days) d where d <> all(${days}::date[]))
      where workspace_id = ${ws} and id = any(${shortened}::bigint[])`.execute(tx);
  return days.length;
}

/** One step for one workspace; the days recomputed (0 when there was nothing, or another process holds it). */
async function refreshWorkspace(db: Db, ws: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    if (!(await tryLockRollups(tx, ws))) return 0;
    // Many small index reads and one grouping: compiling it (JIT) costs more than it saves.
    await sql`set local jit = off`.execute(tx);
    await sql`set local work_mem = '32MB'`.execute(tx);
    const { rows: exists } = await sql`select 1 from workspaces where id = ${ws}`.execute(tx);
    if (exists.length === 0) {
      await sql`delete from rollup_changes where workspace_id = ${ws}`.execute(tx); // a deleted workspace's notes
      return 0;
    }
    const { rows: keys } = await sql<{ id: string }>`
      select id::text from rollup_changes where workspace_id = ${ws} and rollup = 'keys'`.execute(tx);
    if (keys.length > 0) {
      await chooseAttributes(tx, ws);
      await sql`delete from rollup_changes where workspace_id = ${ws} and id = any(${keys.map((k) => k.id)}::bigint[])`.execute(
        tx,
      );
    }
    return (await refreshDays(tx, ws, "attribute")) + (await refreshDays(tx, ws, "send"));
  });
}

/**
 * One step of the job over every workspace with noted changes (or only `workspaceId`): returns the days
 * recomputed, 0 when the rollups are current. Call again while it returns more than 0.
 */
export async function refreshRollups(db: Db, opts: { workspaceId?: string } = {}): Promise<number> {
  const { rows } = opts.workspaceId
    ? { rows: [{ workspace_id: opts.workspaceId }] }
    : await sql<{ workspace_id: string }>`select distinct workspace_id from rollup_changes`.execute(db);
  let days = 0;
  for (const { workspace_id } of rows) days += await refreshWorkspace(db, workspace_id);
  return days;
}

/** Runs the job until nothing is left (tests, the bench, a CLI); returns the days recomputed. */
export async function refreshRollupsFully(db: Db, opts: { workspaceId?: string } = {}): Promise<number> {
  let total = 0;
  for (let step = await refreshRollups(db, opts); step > 0; step = await refreshRollups(db, opts))
    total += step;
  return total;
}
