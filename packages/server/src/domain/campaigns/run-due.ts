// The campaign clock, run by the worker: expand what is due, start the next round of recurring
// campaigns, and mark finished ones done.
import { sql } from "kysely";
import { dateOf, systemClock, type Clock } from "../../clock.ts";
import type { Db } from "../../db/open.ts";
import { expandNextChunk } from "./expand.ts";

export async function runDueCampaigns(
  db: Db,
  messageHost: string,
  opts: { budgetMs?: number; workspaceId?: string | undefined; parallel?: 1 | 2; clock?: Clock } = {},
): Promise<number> {
  const clock = opts.clock ?? systemClock;
  const stopAt = clock.now() + (opts.budgetMs ?? 2_000);
  const only = (col: string) => (opts.workspaceId ? sql`and ${sql.ref(col)} = ${opts.workspaceId}` : sql``);
  // A new round for recurring campaigns whose period came round again.
  await sql`
    update campaigns set round = round + 1, expanded = false, expand_after = null, updated_at = now()
    where status = 'running' and expanded and next_run_at <= ${dateOf(clock)} and schedule->>'kind' = 'recurring'
      ${only("workspace_id")}`.execute(db);
  let dueQuery = db
    .selectFrom("campaigns")
    .select(["workspace_id", "id"])
    .where("status", "in", ["scheduled", "running"])
    .where("expanded", "=", false)
    .where("next_run_at", "<=", dateOf(clock))
    .orderBy("next_run_at")
    .limit(20);
  if (opts.workspaceId) dueQuery = dueQuery.where("workspace_id", "=", opts.workspaceId);
  const due = await dueQuery.execute();
  let queued = 0;
  for (const c of due) {
    while (clock.now() < stopAt) {
      const r = await expandNextChunk(
        db,
        c.workspace_id,
        c.id,
        messageHost,
        dateOf(clock),
        undefined,
        opts.parallel,
      );
      if (!r) break;
      queued += r.queued;
      if (r.done) break;
    }
  }
  // One-off campaigns are done once their audience is queued and no message is still on its way.
  // Each with its campaign.finished event, in the same statement.
  await sql`
    with finished as (
      update campaigns c set status = 'done', updated_at = now()
      where c.status = 'running' and c.expanded and c.schedule->>'kind' <> 'recurring' ${only("c.workspace_id")}
        and not exists (
          select 1 from sends s join deliveries d on d.workspace_id = s.workspace_id and d.send_id = s.id
          where s.workspace_id = c.workspace_id and s.campaign_id = c.id
            and d.status in ('queued', 'sending', 'committing'))
      returning c.workspace_id, c.id, c.round
    )
    insert into domain_events (workspace_id, type, subject_id, payload)
    select workspace_id, 'campaign.finished', id, jsonb_build_object('round', round) from finished`.execute(
    db,
  );
  return queued;
}
