// Where a campaign's current round stands: one bar (sent, sending, queued, failed, skipped) with the
// counts under it, and why messages were skipped (fatigue rule, unsubscribes, …).
import type { CampaignProgress } from "../../../../server/src/domain/campaigns/campaign-schema.ts";
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { campaignMessages } from "./messages.ts";

const parts = ["sent", "sending", "queued", "failed", "skipped"] as const;

export function ProgressBar({ progress, reminders }: { progress: CampaignProgress; reminders: boolean }) {
  const t = useT(campaignMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const total = progress.recipients;
  const known = (reason: string) => `reason.${reason}` in campaignMessages.en;
  const reasons = Object.entries(progress.skippedBy)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) =>
      t("reasonCount", {
        reason: known(reason) ? t(`reason.${reason}` as keyof typeof campaignMessages.en) : reason,
        n: n(count),
      }),
    );
  return (
    <div className="campaign-progress">
      <div
        className="progress-bar"
        role="img"
        aria-label={t("progressLabel", { sent: n(progress.sent), total: n(total) })}
      >
        {total > 0 &&
          parts.map((p) =>
            progress[p] > 0 ? (
              <span
                key={p}
                className={`progress-${p}`}
                style={{ width: `${(progress[p] / total) * 100}%` }}
              />
            ) : null,
          )}
      </div>
      <ul className="progress-counts">
        {parts
          .filter((p) => progress[p] > 0 || p === "sent")
          .map((p) => (
            <li key={p}>
              <span className={`dot progress-${p}`} aria-hidden="true" />
              {t(`count.${p}`, { n: n(progress[p]) })}
            </li>
          ))}
      </ul>
      {reasons.length > 0 && (
        <div className="progress-note">
          {t("skippedWhy", { reasons: reasons.join(locale === "ja" ? "、" : ", ") })}
        </div>
      )}
      {reminders && (
        <div className="progress-note">
          {t("remindersProgress", { sent: n(progress.reminders.sent), queued: n(progress.reminders.queued) })}
        </div>
      )}
    </div>
  );
}
