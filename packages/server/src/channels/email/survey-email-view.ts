// The survey email after its input has been checked: what the HTML and the text part are both made from.
import type { SurveyKind } from "../../domain/scores/scales.ts";
import { t, type Locale } from "../../i18n/messages.ts";
import type { ScoreLink } from "./score-buttons.ts";

export interface SurveyEmailView {
  locale: Locale;
  kind: SurveyKind;
  reminder: boolean;
  /** Plain text; each part escapes it for itself. */
  brand: { name: string; logoUrl: string | undefined; color: string };
  sender: { name: string; address: string | undefined; postalAddress: string | undefined };
  /** The contact's name, trimmed, when there is one to greet. */
  contactName: string | undefined;
  /** One checked http(s) link per score of the scale, lowest first. */
  scores: readonly ScoreLink[];
  surveyUrl: string;
  unsubscribeUrl: string;
  /** The question and intro with merge fields filled in; template and values both pass through `escape`. */
  ownerTexts(escape: (s: string) => string): { question: string; intro: string };
}

/** 「山田 太郎様」 / "Hi Taro," when the name is known, else a greeting that fits anyone. */
export function greeting(view: SurveyEmailView): string {
  return view.contactName
    ? t(view.locale, "email.greeting.named", { name: view.contactName })
    : t(view.locale, "email.greeting.anonymous");
}
