// Where a report's counts come from. Normally the daily rollups; a contact-attribute filter needs the
// contact, which the rollups do not have, so those reports read the responses joined to their contacts
// (by the index on responses by workspace and time), shaped like the rollups — the same day (workspace
// time zone), survey, touchpoint (nil id for none) and channel columns and counts c0…c10 — so that the
// grouping and the results are the same.
import { sql, type RawBuilder } from "kysely";
import { NO_TOUCHPOINT } from "../responses/rollups.ts";
import type { SurveyKind } from "../scores/scales.ts";
import { localDay, timeBounds } from "./day-range.ts";
import type { ReportQuery } from "./report-query.ts";

export interface ReportSource {
  /** A relation with columns day, survey_id, touchpoint_id, channel. */
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>[];
  /** The aggregate columns c0…c10 over the grouped rows. */
  counts: RawBuilder<unknown>;
}

const scores = Array.from({ length: 11 }, (_, s) => s);
const summedCounts = sql.raw(scores.map((s) => `sum(c${s})::int as c${s}`).join(", "));
const countedScores = sql.raw(
  scores.map((s) => `count(*) filter (where score = ${s})::int as c${s}`).join(", "),
);

/** The filters both sources answer alike, on their common columns. */
function commonFilters(ws: string, q: ReportQuery): RawBuilder<unknown>[] {
  const filters: RawBuilder<unknown>[] = [];
  if (q.from) filters.push(sql`day >= ${q.from}::date`);
  if (q.to) filters.push(sql`day <= ${q.to}::date`);
  if (q.surveyId) filters.push(sql`survey_id = ${q.surveyId}`);
  if (q.touchpoint) filters.push(sql`touchpoint_id = ${q.touchpoint}`);
  if (q.channel) filters.push(sql`channel = ${q.channel}`);
  if (q.team) {
    filters.push(
      sql`touchpoint_id in (select id from touchpoints where workspace_id = ${ws} and team = ${q.team})`,
    );
  }
  return filters;
}

function rollupSource(ws: string, kind: SurveyKind, q: ReportQuery): ReportSource {
  return {
    from: sql`response_rollups`,
    where: [sql`workspace_id = ${ws}`, sql`survey_kind = ${kind}`, ...commonFilters(ws, q)],
    counts: summedCounts,
  };
}

function responseSource(ws: string, kind: SurveyKind, q: ReportQuery): ReportSource {
  const inner = [
    sql`r.workspace_id = ${ws}`,
    sql`s.kind = ${kind}`,
    ...timeBounds(sql`r.created_at`, ws, q),
    ...Object.entries(q.attributes ?? {}).map(([key, value]) => sql`ct.attributes ->> ${key} = ${value}`),
  ];
  return {
    from: sql`(
      select ${localDay(sql`r.created_at`, ws)} as day, r.survey_id,
             coalesce(r.touchpoint_id, ${NO_TOUCHPOINT}::uuid) as touchpoint_id, r.channel, r.score
      from responses r
      join surveys s on s.workspace_id = r.workspace_id and s.id = r.survey_id
      join contacts ct on ct.workspace_id = r.workspace_id and ct.id = r.contact_id
      where ${sql.join(inner, sql` and `)}
    ) as answered`,
    where: commonFilters(ws, q),
    counts: countedScores,
  };
}

/** The rollups, unless a filter needs what only the responses hold (the contact's attributes). */
export function reportSource(ws: string, kind: SurveyKind, q: ReportQuery): ReportSource {
  return Object.keys(q.attributes ?? {}).length > 0 ? responseSource(ws, kind, q) : rollupSource(ws, kind, q);
}
