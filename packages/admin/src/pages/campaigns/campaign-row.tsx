// One campaign: its name (to its page), status, schedule and progress, and the actions its status allows. While it sends
// (or is due to start) it asks again every few seconds, so the bar moves without a reload; a failed ask
// keeps the last answer (useGet) and the polling goes on.
import { useEffect } from "react";
import { useGet } from "../../api/hooks.ts";
import type { Campaign, CampaignProgress, Survey } from "../../api/types.ts";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { campaignMessages } from "./messages.ts";
import { AudienceUpload } from "./audience-upload.tsx";
import { ProgressBar } from "./progress-bar.tsx";
import { CampaignActions, useMayEditCampaigns } from "./campaign-actions.tsx";

type Status = Campaign["status"];

const POLL_MS = 3000;
/** While everything queued waits (quiet hours, reminders days ahead), a slower poll: counting is not free. */
const IDLE_POLL_MS = 30_000;
export const tone: Record<Status, string> = {
  draft: "quiet",
  scheduled: "",
  running: "good",
  paused: "mid",
  cancelled: "bad",
  done: "quiet",
};

export const isLive = (c: Campaign) =>
  c.status === "running" ||
  (c.status === "scheduled" && c.nextRunAt !== null && Date.parse(c.nextRunAt) <= Date.now());

/** Whether messages are going out now: some in flight, due, or the audience still expanding. */
export function moving(p: CampaignProgress | undefined): boolean {
  if (!p) return true;
  const held = (groups: { count: number }[]) => groups.reduce((sum, h) => sum + h.count, 0);
  const dueReminders = p.reminders.nextAt !== null && Date.parse(p.reminders.nextAt) <= Date.now();
  return !p.expanded || p.sending > 0 || p.queued + p.willSkip > held(p.held) || dueReminders;
}

export function CampaignRow({ campaign, survey }: { campaign: Campaign; survey: Survey | undefined }) {
  const t = useT(campaignMessages);
  const { locale } = useLocale();
  const detail = useGet("/api/v1/campaigns/{id}", { params: { path: { id: campaign.id } } });
  const c = detail.data ?? campaign;
  const live = isLive(c);
  const { reload } = detail;
  const surveyName = survey?.name;
  const mayEdit = useMayEditCampaigns();

  const fast = moving(detail.data?.progress);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, fast ? POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [live, fast, reload]);

  const when = (iso: string) => formatDateTime(locale, iso);
  const s = c.schedule;
  const label = (key: keyof typeof campaignMessages.en) => ({ "data-label": t(key) });
  return (
    <tr>
      <td {...label("colName")}>
        <Link to={`/campaigns/${c.id}`} className="campaign-name">
          {c.name}
        </Link>
        {surveyName && (
          <Link to={`/surveys/${c.surveyId}`} className="campaign-survey">
            {surveyName}
          </Link>
        )}
        {live && (
          <div className="campaign-live" role="status">
            <span className="live-dot" aria-hidden="true" />
            {t("live")}
          </div>
        )}
        {live && detail.error && <div className="campaign-stale">{t("pollFailed")}</div>}
      </td>
      <td {...label("colStatus")}>
        <span className={`badge${tone[c.status] ? ` badge-${tone[c.status]}` : ""}`}>
          {t(`status.${c.status}`)}
        </span>
      </td>
      <td className="campaign-schedule" {...label("colSchedule")}>
        <div>
          {s.kind === "now"
            ? t("schedule.now")
            : s.kind === "at"
              ? t("schedule.at", { date: when(s.at) })
              : t("schedule.recurring", { days: s.everyDays })}
        </div>
        {s.kind === "recurring" && s.startAt && (
          <div className="muted">{t("schedule.from", { date: formatDate(locale, s.startAt) })}</div>
        )}
        {s.kind === "recurring" && c.round > 0 && (
          <div className="muted">{t("round", { n: c.round + 1 })}</div>
        )}
        {c.nextRunAt && (c.status === "scheduled" || c.status === "running") && (
          <div className="muted">{t("nextRun", { date: when(c.nextRunAt) })}</div>
        )}
        {c.reminders.count > 0 && (
          <div className="muted">
            {t("reminders", { count: c.reminders.count, days: c.reminders.afterDays })}
          </div>
        )}
      </td>
      <td className="campaign-progress-cell" {...label("colProgress")}>
        {c.status === "draft" ? (
          <>
            <span className="muted">{t("notLaunched")}</span>
            {c.audience.kind === "csv" && mayEdit && <AudienceUpload campaignId={c.id} onUploaded={reload} />}
          </>
        ) : detail.data && detail.data.progress.recipients > 0 ? (
          <ProgressBar progress={detail.data.progress} reminders={c.reminders.count > 0} />
        ) : (
          <span className="muted">{t("waiting")}</span>
        )}
      </td>
      <td className="campaign-dates" {...label("colLaunched")}>
        <div>{c.launchedAt ? when(c.launchedAt) : "—"}</div>
        <div className="muted">{t("createdOn", { date: formatDate(locale, c.createdAt) })}</div>
      </td>
      <td className="campaign-actions-cell">
        <CampaignActions
          campaign={c}
          survey={survey}
          warnings={detail.data?.launchWarnings ?? []}
          reload={reload}
        />
      </td>
    </tr>
  );
}
