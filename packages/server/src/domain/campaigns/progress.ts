// Where a campaign's current round stands: messages by state, why any were skipped, and how many a crash
// left of unknown fate (taken as sent, not resent).
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { DeliveryStatus } from "../../db/schema.ts";
import { NotFoundError } from "../errors.ts";
import type { CampaignProgress } from "./campaign-schema.ts";

export async function campaignProgress(db: Db, workspaceId: string, id: string): Promise<CampaignProgress> {
  const c = await db
    .selectFrom("campaigns")
    .select(["round", "expanded"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!c) throw new NotFoundError(`campaign ${id} not found`);
  const rows = await sql<{ step: number; status: DeliveryStatus; reason: string | null; n: number }>`
    select d.step, d.status,
      case when d.status = 'skipped' or d.reason like 'reconciled:%' then d.reason end as reason,
      count(*)::int as n
    from sends s join deliveries d on d.workspace_id = s.workspace_id and d.send_id = s.id
    where s.workspace_id = ${workspaceId} and s.campaign_id = ${id} and s.round = ${c.round}
    group by 1, 2, 3`.execute(db);
  const p: CampaignProgress = {
    recipients: 0,
    queued: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    skippedBy: {},
    reconciled: 0,
    reminders: { queued: 0, sent: 0, skipped: 0 },
    expanded: c.expanded,
  };
  for (const r of rows.rows) {
    if (r.step > 0) {
      if (r.status === "queued" || r.status === "sent" || r.status === "skipped")
        p.reminders[r.status] += r.n;
      continue;
    }
    p.recipients += r.n;
    if (r.status === "committing" || r.status === "sending") p.sending += r.n;
    else p[r.status] += r.n;
    if (r.status === "skipped" && r.reason) p.skippedBy[r.reason] = (p.skippedBy[r.reason] ?? 0) + r.n;
    if (r.status === "sent" && r.reason) p.reconciled += r.n;
  }
  return p;
}
