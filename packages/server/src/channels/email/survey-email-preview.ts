// The survey email as the editor previews it: the campaign template for an unsaved survey, addressed to
// a sample contact, with links that lead nowhere (the reserved .invalid domain) and so record nothing.
import type { SurveyRow } from "../../db/schema.ts";
import { t, type Locale } from "../../i18n/messages.ts";
import { renderSurveyMail, type SurveyMailParts } from "./compose-survey-mail.ts";
import type { RenderedEmail } from "./survey-email.ts";

const DUMMY = "https://preview.invalid";

const sampleEmail: Record<Locale, string> = {
  ja: "hanako.yamada@example.com",
  en: "alex.smith@example.com",
};

export function previewSurveyEmail(
  survey: SurveyRow,
  workspace: SurveyMailParts["workspace"],
  locale: Locale,
): RenderedEmail {
  const parts: SurveyMailParts = {
    survey: {
      id: survey.id,
      kind: survey.kind,
      question: survey.question,
      defaultLocale: survey.default_locale,
      status: survey.status,
      settings: survey.settings,
    },
    workspace,
    touchpoint: null,
    step: 0,
    contact: { name: t(locale, "preview.contact.name"), email: sampleEmail[locale], locale, attributes: {} },
  };
  return renderSurveyMail(parts, {
    surveyUrl: `${DUMMY}/survey`,
    scoreUrl: (score) => `${DUMMY}/survey?score=${score}`,
    unsubscribeUrl: `${DUMMY}/unsubscribe`,
  });
}
