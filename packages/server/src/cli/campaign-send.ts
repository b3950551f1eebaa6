// `koe campaign send <id>`: launch a campaign (if it is a draft) and send it from this process, drawing
// its progress until every message of the round is settled.
import { dateOf, systemClock, type Clock } from "../clock.ts";
import type { Db } from "../db/open.ts";
import { changeCampaign, findCampaignRow } from "../domain/campaigns/campaigns.ts";
import { campaignProgress } from "../domain/campaigns/progress.ts";
import { NotFoundError } from "../domain/errors.ts";
import { isId } from "../domain/ids.ts";

const WIDTH = 30;

export function progressLine(
  p: { recipients: number; sent: number; failed: number; skipped: number; queued: number; sending: number },
  expanded: boolean,
): string {
  const settled = p.sent + p.failed + p.skipped;
  const share = p.recipients ? settled / p.recipients : 0;
  const filled = Math.round(share * WIDTH);
  const total = expanded ? String(p.recipients) : `${p.recipients}+`;
  return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${settled}/${total} sent ${p.sent} · failed ${p.failed} · skipped ${p.skipped} · queued ${p.queued + p.sending}`;
}

/** Where the progress goes: the terminal, or anything that takes text (tests). */
export interface ProgressOut {
  write(text: string): unknown;
  isTTY?: boolean;
}

export async function sendCampaignFromCli(
  db: Db,
  id: string,
  transport: string,
  out: ProgressOut = process.stdout,
  /** The one clock: the launch and the progress are as of its time, and it paces the redraws. */
  clock: Clock = systemClock,
): Promise<void> {
  if (!isId(id)) throw new NotFoundError(`campaign ${id} not found`);
  const row = await db.selectFrom("campaigns").select("workspace_id").where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`campaign ${id} not found`);
  const ws = row.workspace_id;
  const campaign = await findCampaignRow(db, ws, id);
  if (campaign?.status === "draft") await changeCampaign(db, ws, id, "launch", dateOf(clock));
  out.write(`sending campaign ${id} (${transport})\n`);
  const tty = out.isTTY;
  for (;;) {
    const [p, c] = await Promise.all([
      campaignProgress(db, ws, id, dateOf(clock)),
      findCampaignRow(db, ws, id),
    ]);
    const line = progressLine(p, p.expanded);
    out.write(tty ? `\r${line}` : `${line}\n`);
    // A message the worker will skip is still on the ledger until it is due: the round is not settled yet.
    const settled = p.expanded && p.queued + p.willSkip + p.sending === 0;
    if (settled || c?.status === "cancelled" || c?.status === "paused") {
      out.write(
        `\n${c?.status === "paused" || c?.status === "cancelled" ? `campaign is ${c.status}` : "done"}\n`,
      );
      if (Object.keys(p.skippedBy).length) out.write(`skipped: ${JSON.stringify(p.skippedBy)}\n`);
      return;
    }
    await new Promise<void>((r) => clock.setTimeout(r, tty ? 250 : 2_000));
  }
}
