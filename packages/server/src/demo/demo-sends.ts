// The invitations behind the demo's email answers, and the ones nobody answered, so the response rate has
// something to show: every answered email gets its send a few hours before the answer, and 0–3
// invitations of the same survey sent at the same time to other contacts went unanswered (a hash of the
// answer's id decides who and how many, so the demo stays reproducible). About two in five are answered.
import { sql } from "kysely";
import type { Db } from "../db/open.ts";

export async function seedDemoSends(
  db: Db,
  workspaceId: string,
): Promise<{ sends: number; answered: number }> {
  const { rows } = await sql<{ sends: number; answered: number }>`
    with answered as (
      select id as response_id, koe_uuid7() as send_id, survey_id, contact_id, touchpoint_id, channel,
             created_at - interval '3 hours' as sent_at, abs(hashtext(id::text)) % 4 as unanswered
      from responses
      where workspace_id = ${workspaceId} and source = 'email' and contact_id is not null and send_id is null
    ), people as (
      select id, row_number() over (order by id) - 1 as i, count(*) over () as total
      from contacts where workspace_id = ${workspaceId}
    ), sent as (
      insert into sends (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, expires_at, created_at)
      select ${workspaceId}::uuid, send_id, survey_id, contact_id, touchpoint_id, channel, sent_at + interval '30 days', sent_at
      from answered
      union all
      select ${workspaceId}::uuid, koe_uuid7(), a.survey_id, p.id, a.touchpoint_id, a.channel,
             a.sent_at + interval '30 days', a.sent_at
      from answered a cross join generate_series(1, 3) as g
      join people p on p.i = abs(hashtext(a.response_id::text || g::text)) % p.total
      where g <= a.unanswered
      returning 1
    ), linked as (
      update responses r set send_id = a.send_id
      from answered a
      where r.workspace_id = ${workspaceId} and r.id = a.response_id
      returning 1
    )
    select (select count(*) from sent)::int as sends, (select count(*) from linked)::int as answered`.execute(
    db,
  );
  return rows[0] ?? { sends: 0, answered: 0 };
}
