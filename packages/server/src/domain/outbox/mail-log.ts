// The sent-mail log: the delivery ledger's messages joined to their rendered copies (the outbox table,
// kept for every transport), newest first; and a provider's bounce or complaint marked on the message.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";
import { NotFoundError } from "../errors.ts";
import type { Page } from "../fields.ts";
import { toPage } from "../paging.ts";
import type { MailLogDetail, MailLogEntry, MailLogQuery, MailStatus } from "./mail-log-schema.ts";

interface Row {
  id: string;
  message_id: string;
  status: "queued" | "sending" | "committing" | "sent" | "failed" | "skipped";
  reason: string | null;
  error: string | null;
  step: number;
  created_at: Date;
  due_at: Date;
  sent_at: Date | null;
  contact_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  survey_id: string;
  survey_name: string;
  campaign_id: string | null;
  campaign_name: string | null;
  test: boolean;
  kept: boolean;
  to_address: string | null;
  subject: string | null;
  transport: "smtp" | "outbox" | null;
  outcome: "bounced" | "complained" | null;
  outcome_at: Date | null;
  outcome_source: string | null;
}

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

// A test send is a send of no campaign whose metadata names the campaign (jobs/campaign-preview.ts).
const select = (extra: RawBuilder<unknown>) => sql`
  select d.id, d.message_id, d.status, d.reason, d.error, d.step, d.created_at, d.due_at, d.sent_at,
    s.contact_id, co.name as contact_name, co.email as contact_email,
    su.id as survey_id, su.name as survey_name, c.id as campaign_id, c.name as campaign_name,
    coalesce(s.metadata->>'test' = 'true', false) as test,
    o.id is not null as kept, o.to_address, o.subject, o.transport, o.outcome, o.outcome_at, o.outcome_source
    ${extra}
  from deliveries d
  join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
  join surveys su on su.workspace_id = s.workspace_id and su.id = s.survey_id
  left join campaigns c on c.workspace_id = s.workspace_id and c.id = coalesce(s.campaign_id,
    case when s.metadata->>'test' = 'true' and s.metadata->>'campaignId' ~ ${sql.raw(UUID)}
      then (s.metadata->>'campaignId')::uuid end)
  left join contacts co on co.workspace_id = s.workspace_id and co.id = s.contact_id
  left join outbox o on o.workspace_id = d.workspace_id and o.message_id = d.message_id`;

function statusOf(r: Row): MailStatus {
  if (r.outcome) return r.outcome;
  return r.status === "committing" ? "sending" : r.status;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toEntry(r: Row): MailLogEntry {
  return {
    id: r.id,
    messageId: r.message_id,
    status: statusOf(r),
    to: r.to_address ?? r.contact_email,
    contact: r.contact_id ? { id: r.contact_id, name: r.contact_name } : null,
    survey: { id: r.survey_id, name: r.survey_name },
    campaign: r.campaign_id ? { id: r.campaign_id, name: r.campaign_name ?? "" } : null,
    test: r.test,
    step: r.step,
    subject: r.subject,
    transport: r.transport,
    reason: r.reason,
    error: r.error,
    outcomeAt: iso(r.outcome_at),
    outcomeSource: r.outcome_source,
    createdAt: r.created_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    sentAt: iso(r.sent_at),
    kept: r.kept,
  };
}

/** `%`, `_` and `\` in a search are themselves, not patterns. */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function statusFilter(status: MailStatus): RawBuilder<unknown> {
  switch (status) {
    case "bounced":
    case "complained":
      return sql`o.outcome = ${status}`;
    case "sent":
      return sql`d.status = 'sent' and o.outcome is null`;
    case "sending":
      return sql`d.status in ('sending', 'committing')`;
    default:
      return sql`d.status = ${status}`;
  }
}

export async function listMailLog(
  db: Db,
  workspaceId: string,
  f: MailLogQuery & { after?: string | undefined },
): Promise<Page<MailLogEntry>> {
  const where: RawBuilder<unknown>[] = [sql`d.workspace_id = ${workspaceId}`];
  if (f.after) where.push(sql`d.id < ${f.after}`);
  if (f.status) where.push(statusFilter(f.status));
  if (f.campaign) where.push(sql`c.id = ${f.campaign}`);
  if (f.survey) where.push(sql`su.id = ${f.survey}`);
  if (f.q) {
    const like = likeOf(f.q.toLowerCase());
    where.push(sql`(lower(coalesce(o.to_address, co.email)) like ${like} or lower(co.name) like ${like})`);
  }
  if (f.since) where.push(sql`coalesce(d.sent_at, d.created_at) >= ${f.since}::timestamptz`);
  if (f.until) where.push(sql`coalesce(d.sent_at, d.created_at) < ${f.until}::timestamptz`);
  const result = await sql<Row>`${select(sql``)}
    where ${sql.join(where, sql` and `)}
    order by d.id desc
    limit ${f.limit + 1}`.execute(db);
  return toPage(result.rows, f.limit, toEntry, (r) => r.id);
}

export async function getMailLogEntry(db: Db, workspaceId: string, id: string): Promise<MailLogDetail> {
  const result = await sql<Row & { text: string | null; headers: Record<string, string> | null }>`
    ${select(sql`, o.text, o.headers`)}
    where d.workspace_id = ${workspaceId} and d.id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new NotFoundError(`message ${id} not found`);
  return { ...toEntry(row), text: row.text, headers: row.headers };
}

/** The kept HTML part of a message on the ledger. */
export async function getMailLogHtml(db: Db, workspaceId: string, id: string): Promise<string> {
  const row = await db
    .selectFrom("deliveries as d")
    .innerJoin("outbox as o", (j) =>
      j.onRef("o.workspace_id", "=", "d.workspace_id").onRef("o.message_id", "=", "d.message_id"),
    )
    .select("o.html")
    .where("d.workspace_id", "=", workspaceId)
    .where("d.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`message ${id} not found, or its rendered copy was not kept`);
  return row.html;
}

export interface MailOutcome {
  email: string;
  outcome: "bounced" | "complained";
  /** The provider's copy of our Message-ID header, when its event carries it. */
  messageId?: string | undefined;
  source: string;
}

/** A Message-ID as we store it: in angle brackets. */
const bracketed = (id: string) => {
  const bare = id.trim().replace(/^<|>$/g, "");
  return bare ? `<${bare}>` : undefined;
};

/**
 * Marks each reported message bounced or complained: the one whose Message-ID the event names, else the
 * recipient's latest sent message. A complaint is not turned back into a bounce. Returns how many
 * messages were marked.
 */
export async function markMailOutcomes(
  db: Db,
  workspaceId: string,
  outcomes: MailOutcome[],
  now: Date,
): Promise<number> {
  let marked = 0;
  for (const o of outcomes) {
    const messageId = o.messageId ? bracketed(o.messageId) : undefined;
    const target = messageId
      ? sql`select x.id from outbox x where x.workspace_id = ${workspaceId} and x.message_id = ${messageId}`
      : sql`select x.id from outbox x
          join deliveries d on d.workspace_id = x.workspace_id and d.message_id = x.message_id
          where x.workspace_id = ${workspaceId} and x.to_address = ${o.email} and d.status = 'sent'
          order by x.created_at desc, x.id desc limit 1`;
    let result = await update(db, workspaceId, target, o, now);
    // A Message-ID of some other sender's (or of a message since removed): the recipient's latest.
    if (result === 0 && messageId)
      result = await markMailOutcomes(db, workspaceId, [{ ...o, messageId: undefined }], now);
    marked += result;
  }
  return marked;
}

async function update(
  db: Db,
  workspaceId: string,
  target: RawBuilder<unknown>,
  o: MailOutcome,
  now: Date,
): Promise<number> {
  const result = await sql`
    update outbox set outcome = ${o.outcome}, outcome_at = ${now}, outcome_source = ${o.source.slice(0, 200)}
    where workspace_id = ${workspaceId} and id in (${target})
      and (outcome is null or ${o.outcome} = 'complained')`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
