// Taking due messages off the delivery ledger. A claim moves rows from `queued` to `sending` under a
// lease (FOR UPDATE SKIP LOCKED, so several workers share the queue); a lease that runs out means its
// worker died, and `recoverExpiredLeases` settles those rows.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type {
  Attributes,
  Locale,
  SurveySettingsJson,
  SurveyStatus,
  WorkspaceSettingsJson,
} from "../../db/schema.ts";

export interface ClaimedDelivery {
  workspaceId: string;
  id: string;
  sendId: string;
  step: number;
  messageId: string;
  attempts: number;
  expiresAt: Date;
  campaignId: string | null;
  reminders: { count: number; afterDays: number } | null;
  responded: boolean;
  survey: {
    id: string;
    kind: "nps" | "csat" | "ces";
    question: Partial<Record<Locale, string>>;
    defaultLocale: Locale;
    status: SurveyStatus;
    settings: SurveySettingsJson;
  };
  contact: {
    id: string;
    email: string | null;
    name: string | null;
    locale: Locale | null;
    timeZone: string | null;
    attributes: Attributes;
  } | null;
  touchpoint: { name: string } | null;
  workspace: { name: string; timeZone: string; defaultLocale: Locale; settings: WorkspaceSettingsJson };
}

/** Claims take turns under this lock (advisory, for the claiming transaction: "mail"). */
const CLAIM_LOCK = 0x6d61696c;

export async function claimDueDeliveries(
  db: Db,
  opts: {
    limit: number;
    leaseSeconds: number;
    workspaceId?: string | undefined;
    /** The clock's time: what is due by then is claimed, and leases run from it. */
    now: Date;
  },
): Promise<ClaimedDelivery[]> {
  const now = opts.now;
  const only = opts.workspaceId ? sql`and q.workspace_id = ${opts.workspaceId}` : sql``;
  // One person is mailed by one worker at a time: claims take turns, and each passes over the people
  // with a message in flight (sending or committing under a live lease), so that once it is recorded
  // sent, the fatigue rule sees it. Two workers could otherwise both decide to send to one person (two
  // campaigns, a trigger and a campaign) and both send. Messages of a paused, cancelled or draft
  // campaign wait; sends outside campaigns go straight out.
  const claimed = await db.transaction().execute(async (tx) => {
    // A claimer that stalls holding the lock holds up the others for 5 s at most; they retry next round.
    await sql`set local lock_timeout = '5s'`.execute(tx);
    await sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(tx);
    return sql<{ workspace_id: string; id: string }>`
      update deliveries d set status = 'sending', attempts = d.attempts + 1,
        lease_until = ${now}::timestamptz + make_interval(secs => ${opts.leaseSeconds})
      where (d.workspace_id, d.id) in (
        select q.workspace_id, q.id from deliveries q
        join sends s on s.workspace_id = q.workspace_id and s.id = q.send_id
        left join campaigns c on c.workspace_id = s.workspace_id and c.id = s.campaign_id
        where q.status = 'queued' and q.due_at <= ${now} and (c.id is null or c.status = 'running') ${only}
          and (s.contact_id is null or (s.workspace_id, s.contact_id) not in (
            select bs.workspace_id, bs.contact_id from deliveries b
            join sends bs on bs.workspace_id = b.workspace_id and bs.id = b.send_id
            where b.status in ('sending', 'committing') and b.lease_until > ${now} and bs.contact_id is not null))
        order by q.due_at
        limit ${opts.limit}
        for update of q skip locked
      )
      returning d.workspace_id, d.id`.execute(tx);
  });
  if (claimed.rows.length === 0) return [];
  return loadDeliveries(db, claimed.rows);
}

interface ContextRow {
  workspace_id: string;
  id: string;
  send_id: string;
  step: number;
  message_id: string;
  attempts: number;
  expires_at: Date;
  campaign_id: string | null;
  reminders: { count: number; afterDays: number } | null;
  responded: boolean;
  survey_id: string;
  kind: "nps" | "csat" | "ces";
  question: Partial<Record<Locale, string>>;
  default_locale: Locale;
  survey_status: SurveyStatus;
  survey_settings: SurveySettingsJson;
  contact_id: string | null;
  email: string | null;
  contact_name: string | null;
  contact_locale: Locale | null;
  contact_time_zone: string | null;
  attributes: Attributes | null;
  touchpoint_name: string | null;
  workspace_name: string;
  workspace_time_zone: string;
  workspace_locale: Locale;
  workspace_settings: WorkspaceSettingsJson;
}

/** Everything composing and checking these messages needs, in one query. */
export async function loadDeliveries(
  db: Db,
  keys: { workspace_id: string; id: string }[],
): Promise<ClaimedDelivery[]> {
  const result = await sql<ContextRow>`
    select d.workspace_id, d.id, d.send_id, d.step, d.message_id, d.attempts, s.expires_at, s.campaign_id,
      c.reminders, exists (select 1 from responses r where r.workspace_id = s.workspace_id and r.send_id = s.id) as responded,
      su.id as survey_id, su.kind, su.question, su.default_locale, su.status as survey_status,
      su.settings as survey_settings,
      co.id as contact_id, co.email, co.name as contact_name, co.locale as contact_locale,
      co.time_zone as contact_time_zone, co.attributes, t.name as touchpoint_name,
      w.name as workspace_name, w.time_zone as workspace_time_zone, w.default_locale as workspace_locale,
      w.settings as workspace_settings
    from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(workspace_id uuid, id uuid)
    join deliveries d on d.workspace_id = k.workspace_id and d.id = k.id
    join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
    join surveys su on su.workspace_id = s.workspace_id and su.id = s.survey_id
    join workspaces w on w.id = d.workspace_id
    left join campaigns c on c.workspace_id = s.workspace_id and c.id = s.campaign_id
    left join contacts co on co.workspace_id = s.workspace_id and co.id = s.contact_id
    left join touchpoints t on t.workspace_id = s.workspace_id and t.id = s.touchpoint_id`.execute(db);
  return result.rows.map((r) => ({
    workspaceId: r.workspace_id,
    id: r.id,
    sendId: r.send_id,
    step: r.step,
    messageId: r.message_id,
    attempts: r.attempts,
    expiresAt: r.expires_at,
    campaignId: r.campaign_id,
    reminders: r.reminders,
    responded: r.responded,
    survey: {
      id: r.survey_id,
      kind: r.kind,
      question: r.question,
      defaultLocale: r.default_locale,
      status: r.survey_status,
      settings: r.survey_settings,
    },
    contact: r.contact_id
      ? {
          id: r.contact_id,
          email: r.email,
          name: r.contact_name,
          locale: r.contact_locale,
          timeZone: r.contact_time_zone,
          attributes: r.attributes ?? {},
        }
      : null,
    touchpoint: r.touchpoint_name ? { name: r.touchpoint_name } : null,
    workspace: {
      name: r.workspace_name,
      timeZone: r.workspace_time_zone,
      defaultLocale: r.workspace_locale,
      settings: r.workspace_settings,
    },
  }));
}
