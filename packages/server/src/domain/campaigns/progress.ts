// Where a campaign's current round stands, counted as what will actually happen: messages by state, why any
// were skipped, and for messages still queued whether they will go. A queued message whose person has
// answered, unsubscribed (or bounced), has an open case, was surveyed too recently, whose link will have
// expired or whose survey or campaign stopped is counted under `willSkip` with that reason, not as queued;
// one that waits (quiet hours, a retry, a paused campaign) is `held`, with the reason and until when.
// The reasons are the worker's own checks and fatigue rules (jobs/mail-worker.ts, fatigue/fatigue.ts),
// read from the same facts; progress.test.ts holds the forecast to what the worker then does.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { DeliveryStatus } from "../../db/schema.ts";
import { NotFoundError } from "../errors.ts";
import { getWorkspace } from "../workspaces/workspace-settings.ts";
import type { CampaignProgress, HeldMessages, MessageOutlook } from "./campaign-schema.ts";

const DAY = 86_400_000;

interface Row {
  step: number;
  status: DeliveryStatus;
  /** A skipped message's reason, or a sent one's `reconciled: …`. */
  reason: string | null;
  /** Queued: the check that will skip it when due. */
  will_skip: string | null;
  /** Queued and going: why it waits. */
  held: string | null;
  n: number;
  first_due: Date | null;
  last_due: Date | null;
}

export async function campaignProgress(
  db: Db,
  workspaceId: string,
  id: string,
  /** The clock's time: what is still to happen is after it. */
  now: Date,
): Promise<CampaignProgress> {
  const c = await db
    .selectFrom("campaigns")
    .innerJoin("surveys", (j) =>
      j
        .onRef("surveys.workspace_id", "=", "campaigns.workspace_id")
        .onRef("surveys.id", "=", "campaigns.survey_id"),
    )
    .select([
      "campaigns.round",
      "campaigns.expanded",
      "campaigns.status",
      "surveys.status as survey_status",
      "surveys.settings",
    ])
    .where("campaigns.workspace_id", "=", workspaceId)
    .where("campaigns.id", "=", id)
    .executeTakeFirst();
  if (!c) throw new NotFoundError(`campaign ${id} not found`);
  // The fatigue window the rule will use: the survey's own days, else the workspace's.
  const windowDays = c.settings.fatigueDays ?? (await getWorkspace(db, workspaceId)).settings.fatigue.days;
  const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
  const at = ts(now.getTime());
  const since = ts(now.getTime() - Math.max(windowDays, 1) * DAY);
  // Whatever else holds, nothing of a cancelled campaign or of a survey that takes no answers goes out.
  const stopped =
    c.status === "cancelled"
      ? "campaign_cancelled"
      : c.survey_status !== "active"
        ? "survey_not_active"
        : null;
  // Why a queued message will not go, in the order the worker checks (mail-worker.ts, then the fatigue rule).
  // The facts are looked up only for queued messages (a few index lookups each: about 0.5 s per 10,000
  // queued on a loaded embedded database); a finished round costs little more than a plain count.
  const { rows } = await sql<Row>`
    select d.step > 0 as step, d.status, count(*)::int as n, min(d.due_at) as first_due, max(d.due_at) as last_due,
      case when d.status = 'skipped' or d.reason like 'reconciled:%' then d.reason end as reason,
      case when d.status <> 'queued' then null
        when ${stopped}::text is not null then ${stopped}::text
        when co.email is null then 'no_email'
        when s.expires_at < greatest(d.due_at, ${at}) then 'link_expired'
        when d.step > 0 and exists (select from responses r
          where r.workspace_id = s.workspace_id and r.send_id = s.id) then 'responded'
        when exists (select from suppressions x
          where x.workspace_id = s.workspace_id and x.email = co.email) then 'suppressed'
        when exists (select from cases k
          where k.workspace_id = s.workspace_id and k.contact_id = co.id and k.status = 'open') then 'open_case'
        when d.step = 0 then (
          select case when last > ${ts(now.getTime() - DAY)} then 'within_24h'
            when last > ${ts(now.getTime() - windowDays * DAY)} then 'recently_surveyed' end
          from (select greatest(
            (select max(o.surveyed_at) from sends o where o.workspace_id = s.workspace_id
              and o.contact_id = co.id and o.surveyed_at >= ${since}),
            -- An answer to a campaign's test send is the tester's (as fatigue-facts.ts reads it).
            (select max(r.created_at) from responses r
              left join sends t on t.workspace_id = r.workspace_id and t.id = r.send_id
              where r.workspace_id = s.workspace_id and r.contact_id = co.id
                and r.created_at >= ${since} and (t.metadata ->> 'test') is distinct from 'true')
          ) as last) l)
      end as will_skip,
      case when d.status <> 'queued' then null
        when ${c.status === "paused"} then 'campaign_paused'
        when d.due_at > ${at} and d.reason is not null then d.reason
      end as held
    from sends s
    join deliveries d on d.workspace_id = s.workspace_id and d.send_id = s.id
    -- Lateral, so the contact is looked up only for a queued message (the condition gates the scan).
    left join lateral (select co.id, co.email from contacts co
      where d.status = 'queued' and co.workspace_id = s.workspace_id and co.id = s.contact_id) co on true
    where s.workspace_id = ${workspaceId} and s.campaign_id = ${id} and s.round = ${c.round}
    group by 1, 2, 6, 7, 8`.execute(db);
  return tally(rows, c.expanded);
}

const outlook = (): MessageOutlook => ({ queued: 0, held: [], willSkip: 0, willSkipBy: {} });

function tally(rows: Row[], expanded: boolean): CampaignProgress {
  const p: CampaignProgress = {
    recipients: 0,
    ...outlook(),
    sending: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    skippedBy: {},
    reconciled: 0,
    reminders: { ...outlook(), nextAt: null, sending: 0, sent: 0, failed: 0, skipped: 0, skippedBy: {} },
    expanded,
  };
  for (const r of rows) {
    const reminder = Boolean(r.step);
    const into = reminder ? p.reminders : p;
    if (!reminder) p.recipients += r.n;
    if (r.status === "queued") {
      if (r.will_skip) {
        into.willSkip += r.n;
        into.willSkipBy[r.will_skip] = (into.willSkipBy[r.will_skip] ?? 0) + r.n;
        continue;
      }
      into.queued += r.n;
      if (r.held) addHeld(into.held, r.held, r.n, r.held === "campaign_paused" ? null : r.last_due);
      else if (reminder && r.first_due && (!p.reminders.nextAt || r.first_due < new Date(p.reminders.nextAt)))
        p.reminders.nextAt = r.first_due.toISOString();
      continue;
    }
    if (r.status === "skipped") {
      into.skipped += r.n;
      const why = r.reason ?? "unknown";
      into.skippedBy[why] = (into.skippedBy[why] ?? 0) + r.n;
    } else if (r.status === "sent") {
      into.sent += r.n;
      if (!reminder && r.reason) p.reconciled += r.n;
    } else if (r.status === "sending" || r.status === "committing") into.sending += r.n;
    else into.failed += r.n;
  }
  for (const held of [p.held, p.reminders.held]) held.sort((a, b) => b.count - a.count);
  return p;
}

/** Held messages are grouped by reason; `until` is when the last of them is due. */
function addHeld(held: HeldMessages[], reason: string, n: number, until: Date | null): void {
  const group = held.find((h) => h.reason === reason);
  const iso = until?.toISOString() ?? null;
  if (!group) held.push({ reason, count: n, until: iso });
  else {
    group.count += n;
    if (iso && (!group.until || iso > group.until)) group.until = iso;
  }
}
