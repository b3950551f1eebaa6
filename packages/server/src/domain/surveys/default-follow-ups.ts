// The follow-ups a new survey gets when none are given: the editor's standard ones (@koe/server/shared).
import { defaultFollowUps } from "../../shared/survey-defaults.ts";
import { locales } from "../../shared/vocabulary.ts";
import type { SurveyInput } from "./survey-schema.ts";

/**
 * A survey created without follow-ups asks each segment the editor's standard follow-up, in the languages
 * its question is written in, so a survey made through the API is as good as one made in the admin app.
 * Follow-ups given (even {}: none, on purpose) are kept as they are.
 */
export function followUpsOrDefaults(
  input: Pick<SurveyInput, "kind" | "question" | "followUps">,
): NonNullable<SurveyInput["followUps"]> {
  return (
    input.followUps ??
    defaultFollowUps(
      input.kind,
      locales.filter((l) => input.question[l] !== undefined),
    )
  );
}
