// The days the job has not yet recomputed in attribute_rollups and send_rollups (rollup_changes, noted by
// triggers in the same transaction as each change). A report reads those rollups for every other day and
// the raw rows for these, in one statement, so it always equals the raw rows.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";
import { workspaceTimeZone } from "../reports/day-range.ts";

export type ChangedRollup = "attribute" | "send";

type Range = { from?: string | undefined; to?: string | undefined };

/** The changed days of one rollup (within from…to when given), as a relation with one column `day`. */
export function changedDays(ws: string, rollup: ChangedRollup, range: Range): RawBuilder<unknown> {
  return sql`(select distinct d.day from rollup_changes c cross join lateral unnest(c.days) as d (day)
    where c.workspace_id = ${ws} and c.rollup = ${rollup}
    ${range.from ? sql`and d.day >= ${range.from}::date` : sql``}
    ${range.to ? sql`and d.day <= ${range.to}::date` : sql``})`;
}

/**
 * Conditions keeping a timestamptz `column` on the local day `day` (a date expression): an index range a
 * day wider on each side (DST), then the exact local day.
 */
export function onLocalDay(
  column: RawBuilder<unknown>,
  day: RawBuilder<unknown>,
  ws: string,
): RawBuilder<unknown> {
  const zone = workspaceTimeZone(ws);
  return sql`${column} >= ((${day} - 1)::timestamp at time zone ${zone})
    and ${column} < ((${day} + 2)::timestamp at time zone ${zone})
    and (${column} at time zone ${zone})::date = ${day}`;
}

const LOCK_CLASS = 0x6b6f65; // "koe": advisory locks of the rollup job, with hashtext(workspace id)

/** The rollup job's lock on a workspace, for this transaction; false when another process holds it. */
export async function tryLockRollups(tx: Db, ws: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select pg_try_advisory_xact_lock(${LOCK_CLASS}, hashtext(${ws})) as ok`.execute(tx);
  return rows[0]?.ok === true;
}

/** Waits for the rollup job's lock on a workspace (held until this transaction ends). */
export async function lockRollups(tx: Db, ws: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${ws}))`.execute(tx);
}

/** Whether the job rolls up this contact attribute (once chosen, an attribute stays rolled up). */
export async function isRolledUp(db: Db, ws: string, attribute: string): Promise<boolean> {
  const { rows } = await sql`
    select 1 from rollup_attributes where workspace_id = ${ws} and attribute = ${attribute}`.execute(db);
  return rows.length > 0;
}

/**
 * Notes every day from the first to the last response and send of the workspace as changed, so the job
 * recomputes them all (after a new time zone, or an attribute newly rolled up). Cheap: two index reads.
 */
export async function noteAllDaysChanged(tx: Db, ws: string): Promise<void> {
  const zone = workspaceTimeZone(ws);
  for (const [rollup, table] of [
    ["attribute", "responses"],
    ["send", "sends"],
  ] as const) {
    await sql`
      insert into rollup_changes (workspace_id, rollup, days)
      select ${ws}::uuid, ${rollup}, array(select d::date from generate_series(span.first::timestamp, span.last::timestamp, interval '1 day') d)
      from (select (min(created_at) at time zone ${zone})::date as first, (max(created_at) at time zone ${zone})::date as last
            from ${sql.table(table)} where workspace_id = ${ws}) span
      where span.first is not null`.execute(tx);
  }
}
