// The response rate: of the sends created in a period (test sends left out), how many have a response.
// Read from send_rollups (every send, or one rolled-up contact attribute) for the days the job has
// recomputed and from the sends for the days changed since; other attribute filters read the sends
// joined to their contacts.
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { channelSchema } from "../fields.ts";
import { NO_TOUCHPOINT } from "../rollups/rollups.ts";
import { proportion, type Proportion } from "../scores/proportion.ts";
import { dayRange } from "./day-range.ts";
import {
  attributeFilters,
  MAX_ATTRIBUTE_FILTERS,
  reportFilterFields,
  withAttributeFilters,
} from "./report-query.ts";
import { changedDays, isRolledUp, onLocalDay } from "../rollups/rollup-changes.ts";

const fields = z.object(reportFilterFields);

export interface ResponseRateQuery {
  from?: string | undefined;
  to?: string | undefined;
  surveyId?: string | undefined;
  touchpoint?: string | undefined;
  channel?: z.infer<typeof channelSchema> | undefined;
  team?: string | undefined;
  /** A campaign's id: only its sends (read from the sends, not the rollups). */
  campaign?: string | undefined;
  /** Only sends to contacts whose attribute has this value (as text). */
  attributes?: Record<string, string> | undefined;
}

export const responseRateQuery = withAttributeFilters(
  fields,
  `Only sends to contacts whose attribute {key} has this value (as text), e.g. attribute.plan=pro; up to ${MAX_ATTRIBUTE_FILTERS}`,
)
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after `to`", path: ["from"] })
  .transform((q): ResponseRateQuery => {
    const { from, to, surveyId, touchpoint, channel, team, campaign, ...extra } = q;
    return { from, to, surveyId, touchpoint, channel, team, campaign, attributes: attributeFilters(extra) };
  });

export interface ResponseRate extends Proportion {
  sends: number;
  responded: number;
}

/** Survey, touchpoint, channel and team, on columns survey_id, touchpoint_id and channel of `alias`. */
function sendFilters(ws: string, q: ResponseRateQuery, alias: string): RawBuilder<unknown>[] {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const where: RawBuilder<unknown>[] = [];
  if (q.surveyId) where.push(sql`${col("survey_id")} = ${q.surveyId}`);
  if (q.touchpoint) where.push(sql`${col("touchpoint_id")} = ${q.touchpoint}`);
  if (q.channel) where.push(sql`${col("channel")} = ${q.channel}`);
  if (q.team) {
    where.push(
      sql`${col("touchpoint_id")} = any(array(select id from touchpoints where workspace_id = ${ws} and team = ${q.team}))`,
    );
  }
  return where;
}

const and = (conditions: RawBuilder<unknown>[]) =>
  sql.join(
    conditions.map((c) => sql`and ${c}`),
    sql` `,
  );

/** send_rollups rows of one attribute value ('' '' for every send), with the changed days from the sends. */
async function rateFromRollups(
  db: Db,
  ws: string,
  q: ResponseRateQuery,
  key: string,
  value: string,
): Promise<{ sends: number; responded: number } | undefined> {
  const changed = changedDays(ws, "send", q);
  const contact = key
    ? sql`join contacts ct on ct.workspace_id = ${ws} and ct.id = s.contact_id and ct.attributes ->> ${key} = ${value}`
    : sql``;
  const { rows } = await sql<{ sends: number; responded: number }>`
    select coalesce(sum(sends), 0)::int as sends, coalesce(sum(responded), 0)::int as responded from (
      select sends, responded from send_rollups r
      where r.workspace_id = ${ws} and r.attribute = ${key} and r.value = ${value}
        ${q.from ? sql`and r.day >= ${q.from}::date` : sql``} ${q.to ? sql`and r.day <= ${q.to}::date` : sql``}
        and r.day not in ${changed} ${and(sendFilters(ws, q, "r"))}
      union all
      select 1, (exists (select 1 from responses a where a.workspace_id = ${ws} and a.send_id = s.id))::int
      from ${changed} d
      cross join lateral (
        select s.id, coalesce(s.touchpoint_id, ${NO_TOUCHPOINT}::uuid) as touchpoint_id, s.survey_id, s.channel,
               s.contact_id
        from sends s
        where s.workspace_id = ${ws} and (s.metadata ->> 'test') is distinct from 'true'
          and ${onLocalDay(sql`s.created_at`, sql`d.day`, ws)}
        offset 0 -- that day's sends by their index, then their contacts (not every matching contact's)
      ) s
      ${contact}
      where true ${and(sendFilters(ws, q, "s"))}
    ) counted`.execute(db);
  return rows[0];
}

/** The sends of the period joined to their responses (and contacts, for attribute filters). */
async function rateFromSends(db: Db, ws: string, q: ResponseRateQuery) {
  const where: RawBuilder<unknown>[] = [
    sql`s.workspace_id = ${ws}`,
    // A campaign's test send is not an invitation.
    sql`(s.metadata ->> 'test') is distinct from 'true'`,
    ...dayRange(sql`s.created_at`, ws, q),
    ...sendFilters(ws, q, "s"),
    // A campaign's invitations are the emails that went out: a send skipped (unsubscribed, surveyed
    // recently) invited nobody.
    ...(q.campaign
      ? [
          sql`s.campaign_id = ${q.campaign}`,
          sql`exists (select from deliveries d where d.workspace_id = s.workspace_id and d.send_id = s.id
            and d.step = 0 and d.status = 'sent')`,
        ]
      : []),
    ...Object.entries(q.attributes ?? {}).map(([key, value]) => sql`ct.attributes ->> ${key} = ${value}`),
  ];
  const { rows } = await sql<{ sends: number; responded: number }>`
    select count(*)::int as sends, count(r.id)::int as responded
    from sends s
    join contacts ct on ct.workspace_id = s.workspace_id and ct.id = s.contact_id
    left join responses r on r.workspace_id = s.workspace_id and r.send_id = s.id
    where ${sql.join(where, sql` and `)}`.execute(db);
  return rows[0];
}

export async function getResponseRate(db: Db, ws: string, q: ResponseRateQuery): Promise<ResponseRate> {
  const attributes = Object.entries(q.attributes ?? {});
  const [key, value] = attributes[0] ?? ["", ""];
  // The rollups have no campaign: a campaign's sends are counted from the sends.
  const fromRollups =
    !q.campaign && (attributes.length === 0 || (attributes.length === 1 && (await isRolledUp(db, ws, key))));
  const { sends = 0, responded = 0 } =
    (fromRollups ? await rateFromRollups(db, ws, q, key, value) : await rateFromSends(db, ws, q)) ?? {};
  return { sends, responded, ...proportion(responded, sends) };
}
