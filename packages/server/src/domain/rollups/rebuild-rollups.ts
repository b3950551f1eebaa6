// Recomputing a workspace's rollups from its responses, e.g. after its time zone (which decides the day
// each response counts on) changed. Call inside the transaction that made the change, so that reports
// never see the rollups half rebuilt.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { lockRollups, noteAllDaysChanged } from "./rollup-changes.ts";
import { addToRollups } from "./rollups.ts";

export async function rebuildRollups(tx: Db, workspaceId: string): Promise<void> {
  await tx.deleteFrom("response_rollups").where("workspace_id", "=", workspaceId).execute();
  await sql`
    with rows as (
      select survey_id, touchpoint_id, channel, score, created_at, 1 as w
      from responses where workspace_id = ${workspaceId}
    )
    ${addToRollups(workspaceId)}`.execute(tx);
  // The attribute and send rollups are recomputed by their job: until then reports read every day from the
  // raw rows (domain/reports/refresh-rollups.ts). Not while the job is in the middle of a step.
  await lockRollups(tx, workspaceId);
  await sql`delete from attribute_rollups where workspace_id = ${workspaceId}`.execute(tx);
  await sql`delete from send_rollups where workspace_id = ${workspaceId}`.execute(tx);
  await sql`delete from rollup_changes where workspace_id = ${workspaceId} and rollup <> 'keys'`.execute(tx);
  await noteAllDaysChanged(tx, workspaceId);
}
