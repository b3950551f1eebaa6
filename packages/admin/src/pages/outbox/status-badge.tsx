// A sent-mail status as a coloured badge: green sent, red failed, bounced or complained, amber on its way,
// grey skipped. The word is always there, so colour is never the only sign.
import type { SentMail } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { outboxMessages } from "./messages.ts";

export type MailStatus = SentMail["status"];

export const mailStatuses = [
  "queued",
  "sending",
  "sent",
  "failed",
  "bounced",
  "complained",
  "skipped",
] as const satisfies readonly MailStatus[];

const tone: Record<MailStatus, string> = {
  queued: "badge-mid",
  sending: "badge-mid",
  sent: "badge-good",
  failed: "badge-bad",
  bounced: "badge-bad",
  complained: "badge-bad",
  skipped: "badge-quiet",
};

export function StatusBadge({ status }: { status: MailStatus }) {
  const t = useT(outboxMessages);
  return <span className={`badge ${tone[status]}`}>{t(`status.${status}`)}</span>;
}
