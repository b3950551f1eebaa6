// The daily rollups: counts per score per day (workspace time zone) × survey × touchpoint × channel.
import { sql, type RawBuilder } from "kysely";
import { NO_TOUCHPOINT } from "../../shared/vocabulary.ts";

export { NO_TOUCHPOINT };

const scores = Array.from({ length: 11 }, (_, s) => s);

export const SLOTS = 32;

/** Batches go to slot 0; a single answer to a random slot, so concurrent answers lock different rows. */
export const slotFor = (rows: number): number => (rows > 1 ? 0 : Math.floor(Math.random() * SLOTS));

const columns = sql.raw(["n", ...scores.map((s) => `c${s}`)].join(", "));
const addExcluded = sql.raw(
  ["n", ...scores.map((s) => `c${s}`)].map((c) => `${c} = response_rollups.${c} + excluded.${c}`).join(", "),
);
const target = sql.raw("(workspace_id, survey_kind, day, survey_id, touchpoint_id, channel, slot)");

/**
 * The workspace's time zone, read under a key-share lock: a writer that overlaps a time-zone change waits
 * for it and then buckets by the new zone (its statement's snapshot alone would give the old one, after
 * the change's rebuild could not see these rows). Foreign-key checks take the same lock anyway.
 */
const zoneOf = (workspaceId: string) =>
  sql`(select time_zone from workspaces where id = ${workspaceId}::uuid for key share)`;

/**
 * The statement that adds the rows of a CTE named `rows` to the rollups. Each row carries a weight `w`:
 * 1 adds a response, −1 takes one away (an edited score moves from one bucket to another).
 */
export function addToRollups(workspaceId: string, slot = 0): RawBuilder<unknown> {
  const counts = sql.join(scores.map((s) => sql.raw(`coalesce(sum(r.w) filter (where r.score = ${s}), 0)`)));
  return sql`
    insert into response_rollups (workspace_id, survey_id, survey_kind, day, touchpoint_id, channel, slot, ${columns})
    select ${workspaceId}::uuid, r.survey_id, s.kind, (r.created_at at time zone w.time_zone)::date,
           coalesce(r.touchpoint_id, ${NO_TOUCHPOINT}::uuid), r.channel, ${slot}::smallint, sum(r.w), ${counts}
    from rows r
    join surveys s on s.workspace_id = ${workspaceId}::uuid and s.id = r.survey_id
    cross join ${zoneOf(workspaceId)} w
    group by 1, 2, 3, 4, 5, 6
    order by 2, 3, 4, 5, 6
    on conflict ${target} do update set ${addExcluded}`;
}

/** The same for a CTE `rows` holding one new response of the given score (no grouping to plan). */
export function addOneToRollups(workspaceId: string, score: number, slot: number): RawBuilder<unknown> {
  const counts = sql.join(scores.map((s) => sql`${s === score ? 1 : 0}::int`));
  return sql`
    insert into response_rollups (workspace_id, survey_id, survey_kind, day, touchpoint_id, channel, slot, ${columns})
    select ${workspaceId}::uuid, r.survey_id, s.kind, (r.created_at at time zone w.time_zone)::date,
           coalesce(r.touchpoint_id, ${NO_TOUCHPOINT}::uuid), r.channel, ${slot}::smallint, 1, ${counts}
    from rows r
    join surveys s on s.workspace_id = ${workspaceId}::uuid and s.id = r.survey_id
    cross join ${zoneOf(workspaceId)} w
    on conflict ${target} do update set ${addExcluded}`;
}
