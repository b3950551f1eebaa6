// A report's from…to are days in the workspace's time zone. Raw rows (responses, sends) are selected by
// their time first, a day wider on each side so the index range never misses a row however the time
// zone shifts (DST), and then by the exact local day.
import { sql, type RawBuilder } from "kysely";

export const workspaceTimeZone = (workspaceId: string): RawBuilder<string> =>
  sql<string>`(select time_zone from workspaces where id = ${workspaceId})`;

/** The local day of a timestamptz column in the workspace's time zone. */
export const localDay = (column: RawBuilder<unknown>, workspaceId: string): RawBuilder<string> =>
  sql<string>`(${column} at time zone ${workspaceTimeZone(workspaceId)})::date`;

type Range = { from?: string | undefined; to?: string | undefined };

/** Index-friendly bounds on `column` (timestamptz): a day wider than the local days from…to. */
export function timeBounds(
  column: RawBuilder<unknown>,
  workspaceId: string,
  range: Range,
): RawBuilder<unknown>[] {
  const zone = workspaceTimeZone(workspaceId);
  const out: RawBuilder<unknown>[] = [];
  if (range.from) out.push(sql`${column} >= ((${range.from}::date - 1)::timestamp at time zone ${zone})`);
  if (range.to) out.push(sql`${column} < ((${range.to}::date + 2)::timestamp at time zone ${zone})`);
  return out;
}

/** Conditions keeping `column` (timestamptz) exactly within the local days from…to; both ends optional. */
export function dayRange(
  column: RawBuilder<unknown>,
  workspaceId: string,
  range: Range,
): RawBuilder<unknown>[] {
  const day = localDay(column, workspaceId);
  return [
    ...timeBounds(column, workspaceId, range),
    ...(range.from ? [sql`${day} >= ${range.from}::date`] : []),
    ...(range.to ? [sql`${day} <= ${range.to}::date`] : []),
  ];
}
