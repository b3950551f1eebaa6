// Why a campaign cannot launch or resume: its survey is a draft or closed, and only an active survey
// takes answers (the server refuses with 409 survey-not-active). Said before the button is pressed, and
// again if the server refuses, with the way to the survey to activate it.
import { ApiError } from "../../api/client.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { campaignMessages } from "./messages.ts";

export const SURVEY_NOT_ACTIVE = "urn:koe:problem:survey-not-active";

/** The survey's status when the server refused for it, else undefined. */
export function refusedForSurvey(error: unknown): "draft" | "closed" | undefined {
  if (!(error instanceof ApiError) || error.problem.type !== SURVEY_NOT_ACTIVE) return undefined;
  return error.problem.surveyStatus === "closed" ? "closed" : "draft";
}

export function SurveyNotActive({
  surveyId,
  surveyName,
  status,
}: {
  surveyId: string;
  surveyName: string | undefined;
  status: "draft" | "closed";
}) {
  const t = useT(campaignMessages);
  return (
    <div className="campaign-blocked" role="note">
      {t(`blocked.${status}`, { name: surveyName ?? "" })}{" "}
      <Link to={`/surveys/${surveyId}`}>{t("openSurvey")}</Link>
    </div>
  );
}
