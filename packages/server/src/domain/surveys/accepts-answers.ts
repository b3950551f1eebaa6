// The one rule for when a survey takes answers, and so when anything may invite people to it: only an
// active survey does. A draft is still being written; a closed one has ended. Launching or resuming a
// campaign, creating a send, an active trigger firing, a personal link and a link survey all ask here.
import type { SurveyStatus } from "../../db/schema.ts";
import { ConflictError } from "../errors.ts";

export const acceptsAnswers = (survey: { status: SurveyStatus }): boolean => survey.status === "active";

/**
 * A personal link: as the survey, except that a campaign's test send also opens on a draft, so the flow can
 * be tried before the survey goes live (its answer stays on the send and counts nowhere).
 */
export const linkAcceptsAnswers = (survey: { status: SurveyStatus }, testSend: boolean): boolean =>
  acceptsAnswers(survey) || (testSend && survey.status === "draft");

/** Refused because the survey takes no answers: a 409 whose detail says to activate the survey first. */
export class SurveyNotActiveError extends ConflictError {
  override readonly type = "urn:koe:problem:survey-not-active";
  constructor(survey: { id: string; status: SurveyStatus }, then: string) {
    super(
      `survey ${survey.id} is ${survey.status === "draft" ? "a draft" : "closed"} and takes no answers: ` +
        `activate it first (PATCH /api/v1/surveys/${survey.id} {"status":"active"}), then ${then}`,
    );
    this.extensions = { surveyId: survey.id, surveyStatus: survey.status };
  }
}

/** Throws SurveyNotActiveError unless the survey takes answers; `then` is what to retry ("launch the campaign"). */
export function assertAcceptsAnswers(survey: { id: string; status: SurveyStatus }, then: string): void {
  if (!acceptsAnswers(survey)) throw new SurveyNotActiveError(survey, then);
}
