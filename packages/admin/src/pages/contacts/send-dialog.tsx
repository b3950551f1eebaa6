// One send, over the contact's page: when and how it went out, its answer, and every score click with the
// scanner's verdict and reason. Admins and owners (canEditSurveys on the server) may accept a click as the
// contact's answer, after a confirmation; the timeline then shows the response.
import { useEffect, useId, useRef, useState } from "react";
import { roleMay, type Role } from "@koe/server/shared";
import { client, ok } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { SurveyTimelineEntry, Intent } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { channelKey } from "../../ui/channel-key.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ScoreChip, SegmentLabel, type Segment } from "../../ui/score.tsx";
import { ErrorDetail, Loaded } from "../../ui/states.tsx";
import { IntentReasonText, IntentScore, IntentTime, VerdictBadge } from "./intent-words.tsx";
import { contactsMessages } from "./messages.ts";
import "./send-dialog.css";

/** Who may accept a click as the answer: POST /sends/:id/intents/:intentId/accept asks canEditSurveys. */
export const canAcceptIntents = (role: Role) => roleMay(role, "editSurveys");

export function SendDialog({
  sendId,
  entry,
  response,
  role,
  onClose,
  onAccepted,
}: {
  sendId: string;
  /** The send's timeline entry, for the names of its survey and touchpoint (absent when not loaded). */
  entry: SurveyTimelineEntry | undefined;
  /** The send's answer, as the timeline shows it. */
  response: SurveyTimelineEntry | undefined;
  role: Role;
  onClose: () => void;
  onAccepted: () => void;
}) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const send = useGet("/api/v1/sends/{id}", { params: { path: { id: sendId } } });
  const [asking, setAsking] = useState<Intent | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [accepted, setAccepted] = useState<number | null>(null);
  const mayAccept = canAcceptIntents(role);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const accept = async (intent: Intent) => {
    setBusy(true);
    setFailure(undefined);
    setAccepted(null);
    try {
      await ok(
        client.POST("/api/v1/sends/{id}/intents/{intentId}/accept", {
          params: { path: { id: sendId, intentId: intent.id } },
        }),
      );
      setAccepted(intent.score);
      onAccepted();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
      send.reload(); // after a refusal too: the click may have been judged again meanwhile
    }
  };

  const surveyName = entry?.surveyName || t("deletedSurvey");
  // Opened from a link before the timeline has loaded: no survey name yet.
  const title = entry ? t("send.title", { survey: surveyName }) : t("entry.send");
  const segment = response?.segment as Segment | undefined;
  const when = (iso: string, seconds = false) => formatDateTime(locale, iso, { seconds });
  return (
    <dialog
      ref={ref}
      className="send-dialog"
      aria-labelledby={titleId}
      // React passes the close of the confirm dialog inside up to here: only this dialog's own counts.
      onClose={(e) => e.target === e.currentTarget && onClose()}
    >
      <header className="send-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => ref.current?.close()}
        >
          {t("send.close")}
        </button>
      </header>
      <div className="send-dialog-body">
        <Loaded {...send}>
          {(s) => (
            <>
              <dl className="send-facts">
                <div>
                  <dt>{t("send.sent")}</dt>
                  <dd>{when(s.createdAt)}</dd>
                </div>
                {entry?.touchpointId && entry.touchpointName && (
                  <div>
                    <dt>{t("send.touchpoint")}</dt>
                    <dd>
                      <Link to={`/touchpoints/${entry.touchpointId}`}>{entry.touchpointName}</Link>
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t("send.channel")}</dt>
                  <dd>{t(channelKey(s.channel))}</dd>
                </div>
                <div>
                  <dt>{t("send.expires")}</dt>
                  <dd>{when(s.expiresAt)}</dd>
                </div>
                <div>
                  <dt>{t("send.answer")}</dt>
                  <dd>
                    {response?.score !== undefined && segment ? (
                      <span className="send-answer">
                        <ScoreChip score={response.score} segment={segment} />
                        <SegmentLabel segment={segment} />
                        <span className="muted">{when(response.at)}</span>
                      </span>
                    ) : (
                      <span className="muted">{t("send.noAnswer")}</span>
                    )}
                  </dd>
                </div>
              </dl>
              <p className="send-explain">{t("send.explain")}</p>
              {!mayAccept && s.intents.some((i) => i.verdict !== "confirmed") && (
                <p className="muted send-note">{t("accept.notAllowed")}</p>
              )}
              <h3 className="send-intents-title">{t("intents.title", { count: s.intents.length })}</h3>
              {accepted !== null && (
                <p className="form-ok" role="status">
                  {t("accept.done", { score: accepted })}
                </p>
              )}
              {failure !== undefined && (
                <p className="form-error" role="alert">
                  {t("accept.failed", { message: errorText(t, failure) })}
                  <ErrorDetail error={failure} />
                </p>
              )}
              {s.intents.length === 0 ? (
                <p className="muted">{t("intents.none")}</p>
              ) : (
                <div className="table-wrap send-intents-wrap">
                  <table className="send-intents">
                    <caption className="visually-hidden">{t("intents.label")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("intent.col.time")}</th>
                        <th scope="col">{t("intent.col.score")}</th>
                        <th scope="col">{t("intent.col.verdict")}</th>
                        <th scope="col">{t("intent.col.reason")}</th>
                        {mayAccept && (
                          <th scope="col">
                            <span className="visually-hidden">{t("intent.col.actions")}</span>
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {s.intents.map((i) => (
                        <tr key={i.id}>
                          <td className="intent-when">
                            <IntentTime at={i.createdAt} />
                          </td>
                          <td>
                            <IntentScore score={i.score} />
                          </td>
                          <td>
                            <VerdictBadge verdict={i.verdict} />
                          </td>
                          <td className="intent-reason">
                            <IntentReasonText intent={i} />
                            {i.userAgent && (
                              <span className="intent-agent" lang="en" title={i.userAgent}>
                                <span className="visually-hidden">{t("intent.userAgent")}: </span>
                                {i.userAgent}
                              </span>
                            )}
                          </td>
                          {mayAccept && (
                            <td className="intent-action">
                              {i.verdict !== "confirmed" && (
                                <button
                                  type="button"
                                  className="button button-small"
                                  disabled={busy}
                                  aria-label={t("accept.buttonLabel", {
                                    score: i.score,
                                    date: when(i.createdAt, true),
                                  })}
                                  onClick={() => setAsking(i)}
                                >
                                  {t("accept.button")}
                                </button>
                              )}
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </Loaded>
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={t("accept.title", { score: asking?.score ?? "" })}
        body={
          response?.score !== undefined
            ? t("accept.replaces", { survey: surveyName, current: response.score })
            : t("accept.body", { survey: surveyName })
        }
        confirmLabel={t("accept.button")}
        cancelLabel={t("action.cancel")}
        onConfirm={() => asking && void accept(asking)}
        onClose={() => setAsking(null)}
      />
    </dialog>
  );
}
