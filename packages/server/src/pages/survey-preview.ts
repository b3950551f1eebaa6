// An admin's preview of a survey's pages, made by the very functions that render /r/ and /s/: the score
// step, the follow-up for a score's segment, or the thank-you page — marked as a preview, with a form
// that submits nowhere and no link that records anything.
import type { SurveyRow } from "../db/schema.ts";
import { segmentOf } from "../domain/scores/scales.ts";
import type { PreviewStep } from "../domain/surveys/survey-preview.ts";
import type { Brands } from "../domain/workspaces/brand.ts";
import type { Locale } from "../i18n/messages.ts";
import type { Html } from "./layout.ts";
import { surveyPage } from "./survey-page.ts";
import { thanksPage } from "./thanks-page.ts";

export function surveyPreviewPage(p: {
  survey: SurveyRow;
  brand: Brands;
  locale: Locale;
  step: PreviewStep;
  /** The chosen score; needed for the follow-up and thank-you steps. */
  score?: number | undefined;
}): Html {
  const { survey, brand, locale } = p;
  if (p.step === "thanks" && p.score !== undefined) {
    const segment = segmentOf(survey.kind, p.score);
    return thanksPage({ survey, locale, brand, segment, truncated: false, preview: true });
  }
  const score = p.step === "followup" ? p.score : undefined;
  return surveyPage({ survey, locale, brand, action: "", formToken: "", score, preview: true });
}
