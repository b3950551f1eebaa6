// A score click's verdict and reason in the reader's words. The server stores a reason from a closed list
// (domain/sends/intents.ts); the compiler holds this map to it, and a reason this app does not know yet is
// shown as the server wrote it.
import type { Intent, IntentReason } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { contactsMessages } from "./messages.ts";
import "./intent-words.css";

type Key = keyof typeof contactsMessages.en;

const reasonKeys: Record<IntentReason, Key> = {
  "head request": "reason.head",
  "prefetch header": "reason.prefetch",
  "no user agent": "reason.noAgent",
  "scanner user agent": "reason.scannerAgent",
  burst: "reason.burst",
  "trap link": "reason.trap",
  "accepted by an admin": "reason.accepted",
};

const verdictTone: Record<Intent["verdict"], string> = {
  bot: "badge-bad",
  pending: "badge-mid",
  confirmed: "badge-good",
};

export function VerdictBadge({ verdict }: { verdict: Intent["verdict"] }) {
  const t = useT(contactsMessages);
  return <span className={`badge ${verdictTone[verdict]}`}>{t(`verdict.${verdict}`)}</span>;
}

export function IntentReasonText({ intent }: { intent: Pick<Intent, "verdict" | "reason"> }) {
  const t = useT(contactsMessages);
  const { reason, verdict } = intent;
  if (reason === null) {
    // No reason: bots always have one; the others are a person's click, waiting or confirmed.
    return <>{t(verdict === "confirmed" ? "reason.confirmed" : "reason.pending")}</>;
  }
  const key = (reasonKeys as Partial<Record<string, Key>>)[reason];
  return key ? <>{t(key)}</> : <span lang="en">{reason}</span>;
}

/** When a click came: to the second, as a scanner's clicks come seconds apart. */
export function IntentTime({ at }: { at: string }) {
  const { locale } = useLocale();
  return (
    <time className="intent-time" dateTime={at}>
      {formatDateTime(locale, at, { seconds: true })}
    </time>
  );
}

/** The score clicked: neutral, as it is no answer until confirmed. */
export function IntentScore({ score }: { score: number }) {
  return <span className="chip intent-score">{score}</span>;
}
