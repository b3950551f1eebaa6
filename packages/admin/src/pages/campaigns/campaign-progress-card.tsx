// A campaign's progress on its page: the bar and counts (progress-bar.tsx), then why — each reason a
// message waits, will not be sent or was skipped, said in a sentence (quiet hours until when, surveyed
// recently, unsubscribed, answered, …), so nobody has to guess what a count means.
import type { CampaignWithProgress } from "../../api/types.ts";
import { formatDateTime, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { editorMessages } from "./editor-messages.ts";
import { campaignMessages } from "./messages.ts";
import { ProgressBar } from "./progress-bar.tsx";

type Key = keyof typeof editorMessages.en;
const known = (key: string): key is Key => key in editorMessages.en;

export function CampaignProgressCard({ campaign: c }: { campaign: CampaignWithProgress }) {
  const t = useT(campaignMessages);
  const te = useT(editorMessages);
  const { locale } = useLocale();
  const p = c.progress;
  const r = p.reminders;
  // Every reason with its count, first messages and reminders together.
  const counts = new Map<string, number>();
  const add = (reason: string, n: number) => counts.set(reason, (counts.get(reason) ?? 0) + n);
  for (const h of [...p.held, ...r.held]) add(h.reason, h.count);
  for (const by of [p.willSkipBy, p.skippedBy, r.willSkipBy, r.skippedBy])
    for (const [reason, n] of Object.entries(by)) add(reason, n);
  const held = new Set([...p.held, ...r.held].map((h) => h.reason));
  const reasons = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const label = (reason: string) => {
    const key = `reason.${reason}`;
    return key in campaignMessages.en ? t(key as keyof typeof campaignMessages.en) : reason;
  };
  return (
    <Card title={te("section.progress")} className="campaign-progress-card">
      {c.status === "draft" ? (
        <p className="muted">{te("progress.notLaunched")}</p>
      ) : p.recipients > 0 ? (
        <ProgressBar progress={p} reminders={c.reminders.count > 0} />
      ) : c.status === "scheduled" && c.nextRunAt && Date.parse(c.nextRunAt) > Date.now() ? (
        <p className="muted">{te("progress.startsAt", { date: formatDateTime(locale, c.nextRunAt) })}</p>
      ) : p.expanded ? (
        <p className="muted">{te("progress.nothing")}</p>
      ) : c.status === "cancelled" ? (
        <p className="muted">{te("explain.campaign_cancelled")}</p>
      ) : (
        <p className="muted">{te("progress.preparing")}</p>
      )}
      {reasons.length > 0 && (
        <div className="progress-why">
          <h3>{te("progress.why")}</h3>
          <dl>
            {reasons.map(([reason, n]) => {
              const explain = `explain.${reason}`;
              return (
                <div key={reason} className="why-row">
                  <dt>
                    {held.has(reason) && `held.${reason}` in campaignMessages.en
                      ? t(`held.${reason}` as keyof typeof campaignMessages.en, {
                          n: formatNumber(locale, n),
                          until: heldUntil(c, reason, locale),
                        })
                      : t("reasonCount", { reason: label(reason), n: formatNumber(locale, n) })}
                  </dt>
                  <dd className="muted">{known(explain) ? te(explain) : reason}</dd>
                </div>
              );
            })}
          </dl>
        </div>
      )}
    </Card>
  );
}

/** When the last message held for `reason` goes. */
function heldUntil(c: CampaignWithProgress, reason: string, locale: "ja" | "en"): string {
  const until = [...c.progress.held, ...c.progress.reminders.held]
    .filter((h) => h.reason === reason && h.until)
    .map((h) => h.until as string)
    .sort()
    .at(-1);
  return until ? formatDateTime(locale, until) : "";
}
