// Where a report's counts come from. Normally the daily rollups. A contact-attribute filter needs the
// contact, which response_rollups do not have: one rolled-up attribute (refresh-rollups.ts) is read from
// attribute_rollups for the days the job has recomputed and from the responses joined to their contacts for
// the days changed since (rollup-changes.ts); any other attribute filter reads the responses joined to their
// contacts. Every source is shaped like the rollups — the same day (workspace time zone), survey, touchpoint
// (nil id for none) and channel columns and counts c0…c10 — so that the grouping and the results are the same.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";
import { NO_TOUCHPOINT } from "../rollups/rollups.ts";
import type { SurveyKind } from "../scores/scales.ts";
import { localDay, timeBounds } from "./day-range.ts";
import type { ReportQuery } from "./report-query.ts";
import { changedDays, isRolledUp, onLocalDay } from "../rollups/rollup-changes.ts";

export interface ReportSource {
  /** A relation with columns day, survey_id, touchpoint_id, channel. */
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>[];
  /** The aggregate columns c0…c10 over the grouped rows. */
  counts: RawBuilder<unknown>;
}

const scores = Array.from({ length: 11 }, (_, s) => s);
const scoreColumns = sql.raw(scores.map((s) => `c${s}`).join(", "));
const summedCounts = sql.raw(scores.map((s) => `sum(c${s})::int as c${s}`).join(", "));
const countedScores = sql.raw(
  scores.map((s) => `count(*) filter (where score = ${s})::int as c${s}`).join(", "),
);
const scoreFlags = sql.raw(scores.map((s) => `(r.score = ${s})::int as c${s}`).join(", "));

/** The filters both sources answer alike, on their common columns. */
function commonFilters(ws: string, q: ReportQuery): RawBuilder<unknown>[] {
  const filters: RawBuilder<unknown>[] = [];
  if (q.from) filters.push(sql`day >= ${q.from}::date`);
  if (q.to) filters.push(sql`day <= ${q.to}::date`);
  if (q.surveyId) filters.push(sql`survey_id = ${q.surveyId}`);
  if (q.touchpoint) filters.push(sql`touchpoint_id = ${q.touchpoint}`);
  if (q.channel) filters.push(sql`channel = ${q.channel}`);
  if (q.team) {
    // The team's touchpoints are looked up once (an array), whatever the planner thinks of the rows.
    filters.push(
      sql`touchpoint_id = any(array(select id from touchpoints where workspace_id = ${ws} and team = ${q.team}))`,
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

const attributeMatch = (attributes: Record<string, string>) =>
  Object.entries(attributes).map(([key, value]) => sql`ct.attributes ->> ${key} = ${value}`);

function responseSource(ws: string, kind: SurveyKind, q: ReportQuery): ReportSource {
  const inner = [
    sql`r.workspace_id = ${ws}`,
    sql`s.kind = ${kind}`,
    ...timeBounds(sql`r.created_at`, ws, q),
    ...attributeMatch(q.attributes ?? {}),
    ...(q.company ? [sql`ct.company_id = ${q.company}`] : []),
    ...(q.campaign
      ? [sql`r.send_id in (select id from sends where workspace_id = ${ws} and campaign_id = ${q.campaign})`]
      : []),
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

/** One rolled-up attribute: attribute_rollups for recomputed days, the responses for the days changed since. */
function attributeRollupSource(
  ws: string,
  kind: SurveyKind,
  q: ReportQuery,
  key: string,
  value: string,
): ReportSource {
  const changed = changedDays(ws, "attribute", q);
  const range = [
    ...(q.from ? [sql`day >= ${q.from}::date`] : []),
    ...(q.to ? [sql`day <= ${q.to}::date`] : []),
  ];
  return {
    from: sql`(
      select day, survey_id, touchpoint_id, channel, ${scoreColumns} from attribute_rollups
      where workspace_id = ${ws} and attribute = ${key} and value = ${value} and survey_kind = ${kind}
        ${sql.join(
          range.map((c) => sql`and ${c}`),
          sql` `,
        )}
        and day not in ${changed}
      union all
      select d.day, r.survey_id, coalesce(r.touchpoint_id, ${NO_TOUCHPOINT}::uuid), r.channel, ${scoreFlags}
      from ${changed} d
      cross join lateral (
        select r.survey_id, r.touchpoint_id, r.channel, r.score, r.contact_id from responses r
        where r.workspace_id = ${ws} and r.contact_id is not null and ${onLocalDay(sql`r.created_at`, sql`d.day`, ws)}
        offset 0 -- that day's responses by their index, then their contacts (not every matching contact's)
      ) r
      join surveys s on s.workspace_id = ${ws} and s.id = r.survey_id and s.kind = ${kind}
      join contacts ct on ct.workspace_id = ${ws} and ct.id = r.contact_id and ct.attributes ->> ${key} = ${value}
    ) as answered`,
    where: commonFilters(ws, q),
    counts: summedCounts,
  };
}

/** The rollups, unless a filter needs what only the responses hold (the contact's attributes or company). */
export async function reportSource(
  db: Db,
  ws: string,
  kind: SurveyKind,
  q: ReportQuery,
): Promise<ReportSource> {
  const attributes = Object.entries(q.attributes ?? {});
  // The rollups have no campaign or company: those answers are read from the responses.
  if (q.company || q.campaign) return responseSource(ws, kind, q);
  if (attributes.length === 0) return rollupSource(ws, kind, q);
  const [key, value] = attributes[0] as [string, string];
  if (attributes.length === 1 && (await isRolledUp(db, ws, key)))
    return attributeRollupSource(ws, kind, q, key, value);
  return responseSource(ws, kind, q);
}
