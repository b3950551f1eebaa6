// A send's score clicks on the contact's timeline: how many, judged how and why, then each click with its
// time. A long list (a scanner clicks all eleven scores) starts folded, its summary still naming verdicts
// and reasons; the send details (send-dialog.tsx) list every click and let an admin accept one.
import type { IntentCounts, TimelineIntent } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { intentVerdicts as verdicts } from "@koe/server/shared";
import { IntentReasonText, IntentScore, IntentTime, VerdictBadge } from "./intent-words.tsx";
import { contactsMessages } from "./messages.ts";

/** Clicks shown unfolded; more start folded behind their summary. */
const OPEN_UP_TO = 3;

export function SendIntents({ intents, counts }: { intents: TimelineIntent[]; counts: IntentCounts }) {
  const t = useT(contactsMessages);
  const count = counts.bot + counts.pending + counts.confirmed;
  if (count === 0) return null;
  const tally = verdicts.map((v) => ({ verdict: v, n: counts[v] })).filter((v) => v.n > 0);
  // The distinct reasons, in the order they first happened.
  const reasons = [...new Map(intents.map((i) => [`${i.verdict}:${i.reason ?? ""}`, i])).values()];
  return (
    <details className="tl-intents" open={count <= OPEN_UP_TO}>
      <summary>
        <span className="tl-intents-title">{t("intents.title", { count })}</span>
        {tally.map(({ verdict, n }) => (
          <span key={verdict} className="tl-intents-tally">
            <VerdictBadge verdict={verdict} />
            <span className="num">{n}</span>
          </span>
        ))}
        <span className="tl-intents-reasons">
          {reasons.map((i) => (
            <span key={`${i.verdict}:${i.reason ?? ""}`}>
              <IntentReasonText intent={i} />
            </span>
          ))}
        </span>
      </summary>
      <ol className="intent-list" aria-label={t("intents.label")}>
        {intents.map((i) => (
          <li key={i.id}>
            <IntentTime at={i.createdAt} />
            <IntentScore score={i.score} />
            <VerdictBadge verdict={i.verdict} />
            <span className="intent-reason">
              <IntentReasonText intent={i} />
            </span>
          </li>
        ))}
      </ol>
      {count > intents.length && (
        <p className="muted intent-more">{t("intents.more", { shown: intents.length, count })}</p>
      )}
    </details>
  );
}
