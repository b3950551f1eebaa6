// What can be done to a campaign in its status: launch (with the question saying what will happen), pause,
// resume, cancel (asked first). Shown only to roles that may (editSurveys on the server); launch and
// resume wait for an active survey, said before a click; a refusal or a launch's warning is said after.
import { roleMay } from "@koe/server/shared";
import { useState } from "react";
import { client, ok } from "../../api/client.ts";
import type { Campaign, Survey } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { useT } from "../../i18n/i18n.tsx";
import { useSignedIn } from "../../session.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { editorMessages } from "./editor-messages.ts";
import { LaunchDialog, useMissingText, type LaunchWarning } from "./launch-dialog.tsx";
import { campaignMessages } from "./messages.ts";
import { refusedForSurvey, SurveyNotActive } from "./survey-not-active.tsx";

type Action = "launch" | "pause" | "resume" | "cancel";
type Status = Campaign["status"];

export const actionsFor: Record<Status, Action[]> = {
  draft: ["launch", "cancel"],
  scheduled: ["pause", "cancel"],
  running: ["pause", "cancel"],
  paused: ["resume", "cancel"],
  cancelled: [],
  done: [],
};

/** Whether this user may change campaigns (the server's editSurveys). */
export const useMayEditCampaigns = () => roleMay(useSignedIn().user.role, "editSurveys");

export function CampaignActions({
  campaign: c,
  survey,
  warnings,
  reload,
  /** Why launching must wait (unsaved edits), said instead of launching. */
  holdLaunch,
}: {
  campaign: Campaign;
  survey: Survey | undefined;
  warnings: LaunchWarning[];
  reload: () => void;
  holdLaunch?: string | undefined;
}) {
  const t = useT(campaignMessages);
  const te = useT(editorMessages);
  const missingText = useMissingText();
  const mayEdit = useMayEditCampaigns();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [launchedDespite, setLaunchedDespite] = useState<LaunchWarning[]>([]);
  const [confirm, setConfirm] = useState<"launch" | "cancel" | null>(null);
  const refused = refusedForSurvey(failure);
  const blockedBy = refused ?? (survey && survey.status !== "active" ? survey.status : undefined);
  const sends = (a: Action) => a === "launch" || a === "resume";
  if (!mayEdit) return null;

  const act = async (action: Action) => {
    setBusy(true);
    setFailure(undefined);
    setLaunchedDespite([]);
    try {
      const path = `/api/v1/campaigns/{id}/${action}` as const;
      const done = await ok(client.POST(path, { params: { path: { id: c.id } } }));
      if ("warnings" in done) setLaunchedDespite(done.warnings);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
      reload(); // after a refusal too: the status may have moved on elsewhere
    }
  };
  return (
    <div className="campaign-actions-box">
      <div className="campaign-actions">
        {actionsFor[c.status].map((a) => (
          <button
            key={a}
            type="button"
            disabled={busy || (sends(a) && blockedBy !== undefined) || (a === "launch" && !!holdLaunch)}
            className={`button button-small${a === "launch" ? " button-primary" : a === "cancel" ? " button-danger" : ""}`}
            onClick={() => (a === "launch" || a === "cancel" ? setConfirm(a) : void act(a))}
          >
            {t(a)}
          </button>
        ))}
      </div>
      {holdLaunch && c.status === "draft" && <div className="muted campaign-hold">{holdLaunch}</div>}
      {blockedBy && actionsFor[c.status].some(sends) && (
        <SurveyNotActive surveyId={c.surveyId} surveyName={survey?.name} status={blockedBy} />
      )}
      {failure !== undefined && !refused && (
        <div className="field-error" role="alert">
          {t("actionFailed", { message: errorText(t, failure) })}
          <ErrorDetail error={failure} />
        </div>
      )}
      {launchedDespite.length > 0 && (
        <div className="campaign-blocked" role="status">
          {te("launched.warning", { missing: missingText(launchedDespite) })}
        </div>
      )}
      <LaunchDialog
        open={confirm === "launch"}
        campaign={c}
        warnings={warnings}
        onConfirm={() => void act("launch")}
        onClose={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === "cancel"}
        title={t("confirmCancelTitle")}
        body={t("confirmCancel", { name: c.name })}
        confirmLabel={t("cancelConfirm")}
        cancelLabel={t("keep")}
        danger
        onConfirm={() => void act("cancel")}
        onClose={() => setConfirm(null)}
      />
    </div>
  );
}
