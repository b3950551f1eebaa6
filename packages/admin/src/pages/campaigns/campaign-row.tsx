// One campaign: its status, schedule and progress, and the actions its status allows. While it sends
// (or is due to start) it asks again every few seconds, so the bar moves without a reload; a failed ask
// keeps the last answer (useGet) and the polling goes on.
import { useEffect, useState } from "react";
import { client, ok } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { Campaign, CampaignProgress, Survey } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { campaignMessages } from "./messages.ts";
import { AudienceUpload } from "./audience-upload.tsx";
import { ProgressBar } from "./progress-bar.tsx";
import { refusedForSurvey, SurveyNotActive } from "./survey-not-active.tsx";

type Action = "launch" | "pause" | "resume" | "cancel";
type Status = Campaign["status"];

const POLL_MS = 3000;
/** While everything queued waits (quiet hours, reminders days ahead), a slower poll: counting is not free. */
const IDLE_POLL_MS = 30_000;
const actionsFor: Record<Status, Action[]> = {
  draft: ["launch", "cancel"],
  scheduled: ["pause", "cancel"],
  running: ["pause", "cancel"],
  paused: ["resume", "cancel"],
  cancelled: [],
  done: [],
};
const tone: Record<Status, string> = {
  draft: "quiet",
  scheduled: "",
  running: "good",
  paused: "mid",
  cancelled: "bad",
  done: "quiet",
};

const isLive = (c: Campaign) =>
  c.status === "running" ||
  (c.status === "scheduled" && c.nextRunAt !== null && Date.parse(c.nextRunAt) <= Date.now());

/** Whether messages are going out now: some in flight, due, or the audience still expanding. */
function moving(p: CampaignProgress | undefined): boolean {
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
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [confirm, setConfirm] = useState<"launch" | "cancel" | null>(null);
  const { reload } = detail;
  const surveyName = survey?.name;
  // Launch and resume send, so they wait for an active survey (the server's rule, said before a click).
  const refused = refusedForSurvey(failure);
  const blockedBy = refused ?? (survey && survey.status !== "active" ? survey.status : undefined);
  const sends = (a: Action) => a === "launch" || a === "resume";

  const fast = moving(detail.data?.progress);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, fast ? POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [live, fast, reload]);

  const act = async (action: Action) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await ok(client.POST(`/api/v1/campaigns/{id}/${action}`, { params: { path: { id: c.id } } }));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
      reload(); // after a refusal too: the status may have moved on elsewhere
    }
  };
  const when = (iso: string) => formatDateTime(locale, iso);
  const s = c.schedule;
  const label = (key: keyof typeof campaignMessages.en) => ({ "data-label": t(key) });
  return (
    <tr>
      <td {...label("colName")}>
        <div className="campaign-name">{c.name}</div>
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
            {c.audience.kind === "csv" && <AudienceUpload campaignId={c.id} onUploaded={reload} />}
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
        <div className="campaign-actions">
          {actionsFor[c.status].map((a) => (
            <button
              key={a}
              type="button"
              disabled={busy || (sends(a) && blockedBy !== undefined)}
              className={`button button-small${a === "launch" ? " button-primary" : a === "cancel" ? " button-danger" : ""}`}
              onClick={() => (a === "launch" || a === "cancel" ? setConfirm(a) : void act(a))}
            >
              {t(a)}
            </button>
          ))}
        </div>
        {blockedBy && actionsFor[c.status].some(sends) && (
          <SurveyNotActive surveyId={c.surveyId} surveyName={surveyName} status={blockedBy} />
        )}
        {failure !== undefined && !refused && (
          <div className="field-error" role="alert">
            {t("actionFailed", { message: errorText(t, failure) })}
            <ErrorDetail error={failure} />
          </div>
        )}
        <ConfirmDialog
          open={confirm !== null}
          title={t(confirm === "cancel" ? "confirmCancelTitle" : "confirmLaunchTitle")}
          body={t(confirm === "cancel" ? "confirmCancel" : "confirmLaunch", { name: c.name })}
          confirmLabel={t(confirm === "cancel" ? "cancelConfirm" : "launch")}
          cancelLabel={t(confirm === "cancel" ? "keep" : "action.cancel")}
          danger={confirm === "cancel"}
          onConfirm={() => confirm && void act(confirm)}
          onClose={() => setConfirm(null)}
        />
      </td>
    </tr>
  );
}
