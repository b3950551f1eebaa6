// What a scanner leaves on a send besides its clicks: the hidden trap link followed, and score bursts. A
// post from a page without scripting is refused when either happened around the time its page was served.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { newId } from "../ids.ts";
import { markSendIntentsBot } from "./intents.ts";

/** Records the follow and marks the send's unconfirmed intents as a bot's. */
export async function recordTrapHit(db: Db, workspaceId: string, sendId: string, now: Date): Promise<void> {
  await db
    .insertInto("trap_hits")
    .values({ workspace_id: workspaceId, id: newId(), send_id: sendId, created_at: now })
    .execute();
  await markSendIntentsBot(db, workspaceId, sendId, "trap link");
}

/** A burst of score clicks or a trap-link follow on the send since `since`, else null. */
export async function scannerTraceSince(
  db: Db,
  workspaceId: string,
  sendId: string,
  since: Date,
): Promise<"burst" | "trap link" | null> {
  const { rows } = await sql<{ burst: boolean; trap: boolean }>`
    select
      exists (select 1 from intents where workspace_id = ${workspaceId} and send_id = ${sendId}
              and reason = 'burst' and created_at >= ${since}) as burst,
      exists (select 1 from trap_hits where workspace_id = ${workspaceId} and send_id = ${sendId}
              and created_at >= ${since}) as trap`.execute(db);
  const r = rows[0];
  return r?.burst ? "burst" : r?.trap ? "trap link" : null;
}
