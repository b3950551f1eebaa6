// Turning a campaign's audience into sends and queued messages, in chunks of contacts ordered by id, so a
// million-contact audience is never held in memory and an interrupted expansion resumes where it stopped.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { Audience } from "./campaign-schema.ts";

export const EXPAND_CHUNK = 10_000;

const SEND_DAYS = 30;

/** Queues the next chunk of one campaign; false when another worker holds it or nothing is due. */
export async function expandNextChunk(
  db: Db,
  workspaceId: string,
  campaignId: string,
  messageHost: string,
  chunk = EXPAND_CHUNK,
): Promise<{ queued: number; done: boolean } | undefined> {
  return db.transaction().execute(async (tx) => {
    const c = await sql<{
      survey_id: string;
      touchpoint_id: string | null;
      audience: Audience;
      schedule: { kind: string; everyDays?: number };
      round: number;
      expand_after: string | null;
      next_run_at: Date;
    }>`
      select survey_id, touchpoint_id, audience, schedule, round, expand_after, next_run_at from campaigns
      where workspace_id = ${workspaceId} and id = ${campaignId} and status in ('scheduled', 'running')
        and not expanded and next_run_at <= now()
      for update skip locked`.execute(tx);
    const row = c.rows[0];
    if (!row) return undefined;
    const a = row.audience;
    const fromList = a.kind === "ids" || a.kind === "csv";
    const join = fromList
      ? sql`join campaign_contacts cc on cc.workspace_id = co.workspace_id and cc.contact_id = co.id
            and cc.campaign_id = ${campaignId}`
      : sql``;
    const filter =
      a.kind === "filter"
        ? sql`and co.attributes @> ${JSON.stringify(a.attributes)}::jsonb
              ${a.locale ? sql`and co.locale = ${a.locale}` : sql``}`
        : sql``;
    const after = row.expand_after ? sql`and co.id > ${row.expand_after}` : sql``;
    const metadata = JSON.stringify({ campaignId });
    const r = await sql<{ scanned: number; last: string | null; queued: number }>`
      with batch as (
        select co.id from contacts co ${join}
        where co.workspace_id = ${workspaceId} and co.email is not null ${filter} ${after}
        order by co.id limit ${chunk}
      ),
      s as (
        insert into sends (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, metadata, expires_at,
                           campaign_id, round)
        select ${workspaceId}::uuid, koe_uuid7(), ${row.survey_id}::uuid, b.id, ${row.touchpoint_id}::uuid,
               'email', ${metadata}::jsonb, now() + make_interval(days => ${SEND_DAYS}), ${campaignId}::uuid,
               ${row.round}
        from batch b
        on conflict (workspace_id, campaign_id, round, contact_id) where campaign_id is not null do nothing
        returning workspace_id, id
      ),
      d as (
        insert into deliveries (workspace_id, id, send_id, step, status, due_at, message_id)
        select x.workspace_id, x.did, x.id, 0, 'queued', now(), '<' || x.did || '@' || ${messageHost} || '>'
        from (select s.*, koe_uuid7() as did from s) x
        returning 1
      )
      select (select count(*) from batch)::int as scanned, (select max(id::text) from batch) as last,
             (select count(*) from d)::int as queued`.execute(tx);
    const { scanned, last, queued } = r.rows[0] ?? { scanned: 0, last: null, queued: 0 };
    const done = scanned < chunk;
    const every = row.schedule.kind === "recurring" ? row.schedule.everyDays : undefined;
    await tx
      .updateTable("campaigns")
      .set({
        expand_after: last ?? row.expand_after,
        expanded: done,
        status: "running",
        // A recurring campaign's next round keeps the cadence from this round's start.
        ...(done && { next_run_at: every ? new Date(row.next_run_at.getTime() + every * 86_400_000) : null }),
        updated_at: new Date(),
      })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", campaignId)
      .execute();
    return { queued, done };
  });
}
