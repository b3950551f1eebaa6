// Settings › Jobs (owners and admins): the background jobs (queued, running, failed and dead by default,
// or one state), each with its attempts and last error, and a dead one run again. The counts come with
// the list, so each state's button says how many wait there.
import { roleAtLeast } from "@koe/server/shared";
import { useState } from "react";
import { client, ok } from "../../../api/client.ts";
import { useGet } from "../../../api/hooks.ts";
import type { Job } from "../../../api/types.ts";
import { errorText } from "../../../error-text.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../i18n/i18n.tsx";
import { useSignedIn } from "../../../session.tsx";
import { Card } from "../../../ui/layout-parts.tsx";
import { ErrorDetail, Loaded } from "../../../ui/states.tsx";
import { mergeMessages } from "../merge-messages.ts";
import { settingsMessages } from "../messages.ts";
import { canRetry, jobWhen, stateTone, type JobState } from "./job-view.ts";
import { jobsMessages } from "./messages.ts";
import "./jobs.css";

const messages = mergeMessages(settingsMessages, jobsMessages);

export function JobsSection() {
  const t = useT(messages);
  if (!roleAtLeast(useSignedIn().user.role, "admin"))
    return (
      <Card title={t("jobs.title")}>
        <p className="settings-note">{t("jobs.adminsOnly")}</p>
      </Card>
    );
  return <Jobs />;
}

function Jobs() {
  const t = useT(messages);
  const { locale } = useLocale();
  /** undefined: every state but done and cancelled (the server's default). */
  const [state, setState] = useState<JobState>();
  const jobs = useGet("/api/v1/jobs", { params: { query: state ? { state, limit: 200 } : { limit: 200 } } });
  const [retrying, setRetrying] = useState<string>();
  const [outcome, setOutcome] = useState<{ text: string; cause?: unknown }>();
  const retry = async (job: Job) => {
    setRetrying(job.id);
    setOutcome(undefined);
    try {
      await ok(client.POST("/api/v1/jobs/{id}/retry", { params: { path: { id: job.id } } }));
      setOutcome({ text: t("jobs.retried", { queue: job.queue }) });
    } catch (e) {
      setOutcome({ text: t("jobs.retryFailed", { queue: job.queue, message: errorText(t, e) }), cause: e });
    } finally {
      setRetrying(undefined);
      jobs.reload();
    }
  };
  const counts = jobs.data?.counts;
  const states = counts ? (Object.keys(counts) as JobState[]) : [];
  return (
    <Card
      title={t("jobs.title")}
      actions={
        <button type="button" className="button button-small" onClick={jobs.reload} disabled={jobs.loading}>
          {t("jobs.reload")}
        </button>
      }
    >
      <p className="settings-lead">{t("jobs.lead")}</p>
      <div className="job-states" role="group" aria-label={t("jobs.filter")}>
        <button type="button" aria-pressed={state === undefined} onClick={() => setState(undefined)}>
          {t("jobs.filter.open")}
        </button>
        {states.map((s) => (
          <button key={s} type="button" aria-pressed={state === s} onClick={() => setState(s)}>
            {t(`state.${s}`)} <span className="job-count">{counts?.[s]}</span>
          </button>
        ))}
      </div>
      {outcome && (
        <p className={outcome.cause ? "form-error" : "form-ok"} role={outcome.cause ? "alert" : "status"}>
          {outcome.text}
          {outcome.cause !== undefined && <ErrorDetail error={outcome.cause} />}
        </p>
      )}
      <Loaded {...jobs}>
        {(list) =>
          list.data.length === 0 ? (
            <p className="muted">{t("jobs.empty")}</p>
          ) : (
            <div className="table-wrap">
              <table className="settings-table jobs-table">
                <thead>
                  <tr>
                    <th scope="col">{t("jobs.col.job")}</th>
                    <th scope="col">{t("jobs.col.state")}</th>
                    <th scope="col">{t("jobs.col.attempts")}</th>
                    <th scope="col">{t("jobs.col.error")}</th>
                    <th scope="col">{t("jobs.col.created")}</th>
                    <th scope="col">{t("jobs.col.when")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("jobs.col.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((job) => {
                    const when = jobWhen(job);
                    return (
                      <tr key={job.id}>
                        <td>
                          <code className="job-queue">{job.queue}</code>
                          {job.singletonKey && <span className="job-key">{job.singletonKey}</span>}
                        </td>
                        <td>
                          <span className={`badge badge-${stateTone[job.state]}`}>
                            {t(`state.${job.state}`)}
                          </span>
                        </td>
                        <td className="job-attempts">
                          {t("jobs.attempts", { attempts: job.attempts, max: job.maxAttempts })}
                        </td>
                        <td>
                          {job.error ? (
                            <pre className="job-error">{job.error}</pre>
                          ) : (
                            <span className="muted">{t("jobs.noError")}</span>
                          )}
                        </td>
                        <td className="cell-date">{formatDateTime(locale, job.createdAt)}</td>
                        <td className="cell-date">
                          {t(when.key, { time: formatDateTime(locale, when.time) })}
                        </td>
                        <td className="cell-actions">
                          {canRetry(job) && (
                            <button
                              type="button"
                              className="button button-small"
                              disabled={retrying !== undefined}
                              aria-label={`${t("jobs.retry")}: ${job.queue}`}
                              onClick={() => void retry(job)}
                            >
                              {retrying === job.id ? t("jobs.retrying") : t("jobs.retry")}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </Card>
  );
}
