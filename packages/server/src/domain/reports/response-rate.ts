// The response rate: of the sends created in a period (test sends left out), how many have a response.
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import { channelSchema, idSchema } from "../fields.ts";
import { proportion, type Proportion } from "../scores/proportion.ts";
import { dayRange } from "./day-range.ts";
import { reportDay, teamSchema } from "./report-query.ts";

export const responseRateQuery = z
  .object({
    from: reportDay.optional(),
    to: reportDay.optional(),
    surveyId: idSchema.optional(),
    touchpoint: idSchema.optional(),
    channel: channelSchema.optional(),
    team: teamSchema.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after `to`", path: ["from"] });

export type ResponseRateQuery = z.infer<typeof responseRateQuery>;

export interface ResponseRate extends Proportion {
  sends: number;
  responded: number;
}

export async function getResponseRate(db: Db, ws: string, q: ResponseRateQuery): Promise<ResponseRate> {
  const where: RawBuilder<unknown>[] = [
    sql`s.workspace_id = ${ws}`,
    // A campaign's test send is not an invitation.
    sql`(s.metadata ->> 'test') is distinct from 'true'`,
    ...dayRange(sql`s.created_at`, ws, q),
  ];
  if (q.surveyId) where.push(sql`s.survey_id = ${q.surveyId}`);
  if (q.touchpoint) where.push(sql`s.touchpoint_id = ${q.touchpoint}`);
  if (q.channel) where.push(sql`s.channel = ${q.channel}`);
  if (q.team) {
    where.push(
      sql`s.touchpoint_id in (select id from touchpoints where workspace_id = ${ws} and team = ${q.team})`,
    );
  }
  const { rows } = await sql<{ sends: number; responded: number }>`
    select count(*)::int as sends, count(r.id)::int as responded
    from sends s
    left join responses r on r.workspace_id = s.workspace_id and r.send_id = s.id
    where ${sql.join(where, sql` and `)}`.execute(db);
  const { sends = 0, responded = 0 } = rows[0] ?? {};
  return { sends, responded, ...proportion(responded, sends) };
}
