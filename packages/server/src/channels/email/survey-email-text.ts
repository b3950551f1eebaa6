// The plain-text part: for clients that show no HTML, and read by screen readers and spam filters.
import { t } from "../../i18n/messages.ts";
import { scaleOf } from "../../domain/scores/scales.ts";
import { greeting, type SurveyEmailView } from "./survey-email-view.ts";

const plain = (s: string) => s;

export function surveyEmailText(view: SurveyEmailView): string {
  const { locale, kind } = view;
  const { min, max } = scaleOf(kind);
  const { question, intro } = view.ownerTexts(plain);
  // Each score on its own line with its URL; the two ends carry their labels, as in the HTML.
  const scoreLines = view.scores.map(({ score, url }) => {
    const label =
      score === min ? t(locale, `score.${kind}.low`) : score === max ? t(locale, `score.${kind}.high`) : "";
    return label
      ? t(locale, "email.text.score.labelled", { score, label, url })
      : t(locale, "email.text.score", { score, url });
  });
  const footer = [
    t(locale, "email.footer.sender", { sender: view.sender.name }),
    view.sender.address ? t(locale, "email.footer.contact", { address: view.sender.address }) : "",
    view.sender.postalAddress ? t(locale, "email.footer.postal", { address: view.sender.postalAddress }) : "",
    t(locale, "email.text.unsubscribe", { url: view.unsubscribeUrl }),
  ].filter(Boolean);
  const paragraphs = [
    greeting(view),
    view.reminder ? t(locale, "email.reminder") : "",
    intro,
    question,
    [t(locale, "score.legend", { min, max }), ...scoreLines].join("\n"),
    t(locale, "email.text.survey", { url: view.surveyUrl }),
    // "-- " (with the space) is the signature delimiter, which clients show dimmed.
    ["-- ", ...footer].join("\n"),
  ].filter(Boolean);
  return paragraphs.join("\n\n") + "\n";
}
