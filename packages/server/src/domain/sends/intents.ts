// Score clicks from an email are intents, never answers: mail scanners open every link. See
// docs/SCANNERS.md for the whole rule.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { intentReasons, type IntentReason } from "../../shared/vocabulary.ts";
import { newId } from "../ids.ts";
import type { Intent } from "./send-schema.ts";

/** Within this window, clicks on two different scores of one send are a scanner's burst. */
export const BURST_WINDOW_MS = 10_000;

export interface RequestSignals {
  method: string;
  userAgent: string;
  /** Purpose / Sec-Purpose / X-Moz / X-Purpose headers, joined. */
  purpose: string;
}

const scannerAgents =
  /(bot|crawler|spider|preview|scanner|safelinks|barracuda|mimecast|proofpoint|symantec|trendmicro|fortiguard|microsoft office|ms-office|outlook-ios|googleimageproxy|curl|wget|python|go-http|java\/|headlesschrome)/i;

export { intentReasons, type IntentReason };

/** A reason when the request itself looks automated; null when it could be a person. */
export function scannerReason(s: RequestSignals): IntentReason | null {
  if (s.method === "HEAD") return "head request";
  if (/prefetch|prerender|preview/i.test(s.purpose)) return "prefetch header";
  if (!s.userAgent) return "no user agent";
  if (scannerAgents.test(s.userAgent)) return "scanner user agent";
  return null;
}

export async function recordIntent(
  db: Db,
  workspaceId: string,
  sendId: string,
  score: number,
  signals: RequestSignals,
  /** The clock's time: the click's, and the end of the burst window. */
  now: Date,
): Promise<"pending" | "bot"> {
  const reason = scannerReason(signals);
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto("intents")
      .values({
        workspace_id: workspaceId,
        id: newId(),
        send_id: sendId,
        score,
        verdict: reason ? "bot" : "pending",
        reason,
        user_agent: signals.userAgent.slice(0, 500),
        created_at: now,
      })
      .execute();
    // Different scores for one send within seconds: no person does that, a link scanner does.
    const burst = await sql<{ n: number }>`
      select count(distinct score)::int as n from intents
      where workspace_id = ${workspaceId} and send_id = ${sendId}
        and created_at > ${new Date(now.getTime() - BURST_WINDOW_MS)}`.execute(tx);
    if ((burst.rows[0]?.n ?? 0) > 1) {
      await markSendIntentsBot(tx, workspaceId, sendId, "burst");
      return "bot";
    }
    return reason ? "bot" : "pending";
  });
}

/** Marks the send's unconfirmed intents as a bot's (burst, or the hidden trap link was followed). */
export async function markSendIntentsBot(
  db: Db,
  workspaceId: string,
  sendId: string,
  reason: IntentReason,
): Promise<void> {
  await db
    .updateTable("intents")
    .set({ verdict: "bot", reason })
    .where("workspace_id", "=", workspaceId)
    .where("send_id", "=", sendId)
    .where("verdict", "=", "pending")
    .execute();
}

export async function confirmSendIntents(db: Db, workspaceId: string, sendId: string): Promise<void> {
  await db
    .updateTable("intents")
    .set({ verdict: "confirmed" })
    .where("workspace_id", "=", workspaceId)
    .where("send_id", "=", sendId)
    .where("verdict", "=", "pending")
    .execute();
}

export type { Intent };

/** The audit trail of a send's score clicks, oldest first. */
export async function listIntents(db: Db, workspaceId: string, sendId: string): Promise<Intent[]> {
  const rows = await db
    .selectFrom("intents")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("send_id", "=", sendId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    score: r.score,
    verdict: r.verdict,
    reason: r.reason as IntentReason | null,
    userAgent: r.user_agent,
    createdAt: r.created_at.toISOString(),
  }));
}
