// Where a campaign's current round stands, as what will actually happen: one bar (sent, sending, queued,
// failed, skipped, and queued messages that will not go) with the counts under it; what waits and until
// when (quiet hours, a retry, a pause); why messages were or will be skipped; and the reminders, counted
// only for people who will really get one.
import type { CampaignProgress, HeldMessages } from "../../api/types.ts";
import { formatDateTime, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { campaignMessages } from "./messages.ts";

type Key = keyof typeof campaignMessages.en;
const parts = ["sent", "sending", "queued", "failed", "skipped", "willSkip"] as const;

export function ProgressBar({ progress, reminders }: { progress: CampaignProgress; reminders: boolean }) {
  const t = useT(campaignMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const list = (items: string[]) => items.join(locale === "ja" ? "、" : ", ");
  const total = progress.recipients;
  const known = (key: string): key is Key => key in campaignMessages.en;
  const why = (by: Record<string, number>) =>
    list(
      Object.entries(by)
        .sort((a, b) => b[1] - a[1])
        .map(([reason, count]) =>
          t("reasonCount", {
            reason: known(`reason.${reason}`) ? t(`reason.${reason}` as Key) : reason,
            n: n(count),
          }),
        ),
    );
  const held = (groups: HeldMessages[]) =>
    list(
      groups.map((h) => {
        const key = `held.${h.reason}`;
        const vars = { n: n(h.count), until: h.until ? formatDateTime(locale, h.until) : "" };
        return known(key) ? t(key, vars) : t("held.other", { ...vars, reason: h.reason });
      }),
    );
  const r = progress.reminders;
  const reminderParts = [
    r.sent > 0 || (r.queued === 0 && r.willSkip === 0) ? t("reminder.sent", { n: n(r.sent) }) : "",
    r.queued > 0
      ? r.nextAt
        ? t("reminder.queuedFrom", { n: n(r.queued), date: formatDateTime(locale, r.nextAt) })
        : t("reminder.queued", { n: n(r.queued) })
      : "",
    r.willSkip > 0 ? t("reminder.willSkip", { n: n(r.willSkip), reasons: why(r.willSkipBy) }) : "",
    r.skipped > 0 ? t("reminder.skipped", { n: n(r.skipped), reasons: why(r.skippedBy) }) : "",
    r.failed > 0 ? t("reminder.failed", { n: n(r.failed) }) : "",
  ].filter(Boolean);
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
      {progress.held.length > 0 && (
        <div className="progress-note progress-held">{t("heldWhy", { groups: held(progress.held) })}</div>
      )}
      {progress.willSkip > 0 && (
        <div className="progress-note">{t("willSkipWhy", { reasons: why(progress.willSkipBy) })}</div>
      )}
      {progress.skipped > 0 && (
        <div className="progress-note">{t("skippedWhy", { reasons: why(progress.skippedBy) })}</div>
      )}
      {reminders && (
        <div className="progress-note progress-reminders">
          {t("remindersProgress", { parts: list(reminderParts) })}
          {r.held.length > 0 && <div>{t("heldWhy", { groups: held(r.held) })}</div>}
        </div>
      )}
    </div>
  );
}
