// Turning a campaign's audience into sends and queued messages, in chunks of contacts ordered by id, so a
// million-contact audience is never held in memory and an interrupted expansion resumes where it stopped.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { Audience } from "./campaign-schema.ts";

export const EXPAND_CHUNK = 10_000;

const SEND_DAYS = 30;

/**
 * Queues the next chunk of one campaign; false when another worker holds it or nothing is due. With
 * `parallel` 2 (PostgreSQL only: it needs a second connection while this one holds the campaign), the chunk
 * is two ranges of contacts inserted at once in transactions of their own, so the database uses two cores.
 * A crash between their commits and the campaign's advance is safe: the step runs again, and a contact
 * already sent to in this round is skipped by the sends' unique key.
 */
export async function expandNextChunk(
  db: Db,
  workspaceId: string,
  campaignId: string,
  messageHost: string,
  /** The clock's time: what is due by then expands; its sends and messages are dated by it. */
  now: Date,
  chunk = EXPAND_CHUNK,
  parallel: 1 | 2 = 1,
): Promise<{ queued: number; done: boolean } | undefined> {
  return db.transaction().execute(async (tx) => {
    // NO KEY UPDATE, not UPDATE: the sends inserted by other transactions check their campaign foreign key
    // with KEY SHARE, which this lock lets through.
    const c = await sql<CampaignToExpand>`
      select survey_id, touchpoint_id, audience, schedule, round, expand_after, next_run_at from campaigns
      where workspace_id = ${workspaceId} and id = ${campaignId} and status in ('scheduled', 'running')
        and not expanded and next_run_at <= ${now}
      for no key update skip locked`.execute(tx);
    const row = c.rows[0];
    if (!row) return undefined;
    const range = { workspaceId, campaignId, messageHost, chunk, campaign: row, now };
    let r: Inserted;
    if (parallel === 1) {
      r = await insertRange(tx, { ...range, after: row.expand_after, until: null });
    } else {
      const middle = await nthContactAfter(tx, range, row.expand_after);
      const [first, second] = await Promise.all([
        db.transaction().execute((t) => insertRange(t, { ...range, after: row.expand_after, until: middle })),
        middle
          ? db.transaction().execute((t) => insertRange(t, { ...range, after: middle, until: null }))
          : Promise.resolve({ scanned: 0, last: null, queued: 0 }),
      ]);
      r = {
        scanned: middle ? chunk + second.scanned : first.scanned,
        last: second.last ?? first.last,
        queued: first.queued + second.queued,
      };
      chunk *= 2;
    }
    const { scanned, last, queued } = r;
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
        updated_at: now,
      })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", campaignId)
      .execute();
    return { queued, done };
  });
}

interface CampaignToExpand {
  survey_id: string;
  touchpoint_id: string | null;
  audience: Audience;
  schedule: { kind: string; everyDays?: number };
  round: number;
  expand_after: string | null;
  next_run_at: Date;
}

interface Range {
  workspaceId: string;
  campaignId: string;
  messageHost: string;
  chunk: number;
  campaign: CampaignToExpand;
  /** The clock's time. */
  now: Date;
}

interface Inserted {
  scanned: number;
  last: string | null;
  queued: number;
}

/**
 * An audience's contacts as a FROM clause and its conditions (alias `co`), whether or not they have an email:
 * what expansion queues (those with one) and what the editor's live count counts (audience-count.ts).
 * `ids`: a chosen list not yet saved (the count); otherwise a list audience is the campaign's stored one.
 */
export function audienceContacts(
  workspaceId: string,
  campaignId: string | null,
  a: Audience,
  ids?: string[],
) {
  const fromList = a.kind === "ids" || a.kind === "csv";
  const join =
    fromList && !ids
      ? sql`join campaign_contacts cc on cc.workspace_id = co.workspace_id and cc.contact_id = co.id
          and cc.campaign_id = ${campaignId}`
      : sql``;
  const listed = ids
    ? sql`and co.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`
    : sql``;
  const filter =
    a.kind === "filter"
      ? sql`and co.attributes @> ${JSON.stringify(a.attributes)}::jsonb
            ${a.locale ? sql`and co.locale = ${a.locale}` : sql``}`
      : sql``;
  return sql`contacts co ${join} where co.workspace_id = ${workspaceId} ${listed} ${filter}`;
}

/** The audience's contacts with an email after `after` (by id), as a FROM clause and its conditions. */
function audience(r: Range, after: string | null, until: string | null) {
  return sql`${audienceContacts(r.workspaceId, r.campaignId, r.campaign.audience)} and co.email is not null
      ${after ? sql`and co.id > ${after}` : sql``} ${until ? sql`and co.id <= ${until}` : sql``}`;
}

/** The id of the chunk-th audience contact after `after`: where the first of two ranges ends. */
async function nthContactAfter(db: Db, r: Range, after: string | null): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    select co.id from ${audience(r, after, null)} order by co.id offset ${r.chunk - 1} limit 1`.execute(db);
  return rows[0]?.id ?? null;
}

/** Sends and first messages for up to `chunk` audience contacts in (after, until], in one statement. */
async function insertRange(
  db: Db,
  r: Range & { after: string | null; until: string | null },
): Promise<Inserted> {
  const row = r.campaign;
  const metadata = JSON.stringify({ campaignId: r.campaignId });
  const expiresAt = new Date(r.now.getTime() + SEND_DAYS * 86_400_000);
  const res = await sql<Inserted>`
    with batch as (
      select co.id from ${audience(r, r.after, r.until)}
      order by co.id limit ${r.chunk}
    ),
    s as (
      insert into sends (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, metadata, expires_at,
                         campaign_id, round, created_at)
      select ${r.workspaceId}::uuid, koe_uuid7(), ${row.survey_id}::uuid, b.id, ${row.touchpoint_id}::uuid,
             'email', ${metadata}::jsonb, ${expiresAt}::timestamptz, ${r.campaignId}::uuid,
             ${row.round}, ${r.now}::timestamptz
      from batch b
      on conflict (workspace_id, campaign_id, round, contact_id) where campaign_id is not null do nothing
      returning workspace_id, id, contact_id
    ),
    created as (
      insert into domain_events (workspace_id, type, subject_id, payload)
      select s.workspace_id, 'send.created', s.id,
             jsonb_build_object('surveyId', ${row.survey_id}::uuid, 'contactId', s.contact_id,
                                'campaignId', ${r.campaignId}::uuid, 'channel', 'email')
      from s order by s.id
    ),
    d as (
      insert into deliveries (workspace_id, id, send_id, step, status, due_at, message_id)
      select x.workspace_id, x.did, x.id, 0, 'queued', ${r.now}::timestamptz, '<' || x.did || '@' || ${r.messageHost} || '>'
      from (select s.*, koe_uuid7() as did from s) x
      returning 1
    )
    select (select count(*) from batch)::int as scanned, (select max(id::text) from batch) as last,
           (select count(*) from d)::int as queued`.execute(db);
  return res.rows[0] ?? { scanned: 0, last: null, queued: 0 };
}
