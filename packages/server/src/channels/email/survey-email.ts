// The survey invitation email: one question whose score buttons sit in the email itself, as HTML, plain
// text and a subject. Pure: the caller brings the contact, links and settings; nothing is read here.
import { scaleOf, type SurveyKind } from "../../domain/scores/scales.ts";
import { t, type Locale } from "../../i18n/messages.ts";
import { COLORS } from "./email-style.ts";
import { hexColor, httpUrl } from "./html-safety.ts";
import { renderMergeFields, type AttributeValue, type MergeValues } from "./merge-fields.ts";
import type { ScoreLink } from "./score-buttons.ts";
import { surveyEmailHtml } from "./survey-email-html.ts";
import { surveyEmailText } from "./survey-email-text.ts";
import type { SurveyEmailView } from "./survey-email-view.ts";

export interface SurveyEmailInput {
  locale: Locale;
  kind: SurveyKind;
  /** The survey's question in this locale; may hold merge fields, and {brand} as on the survey page. */
  question: string;
  /** Replaces the default subject; may hold merge fields. */
  subject?: string;
  /** Replaces the default opening paragraph; may hold merge fields. */
  intro?: string;
  /** color: #rrggbb, else the default is used; logoUrl: http(s) only, else the name is shown instead. */
  brand: { name: string; logoUrl?: string; color?: string };
  /** Who sends it, with the contact address and postal address 特定電子メール法 asks for. */
  sender: { name: string; address?: string; postalAddress?: string };
  contact: { name: string | null; email: string; attributes: Record<string, AttributeValue> };
  touchpoint: { name: string } | null;
  /** One http(s) URL per score of the scale, lowest first: NPS 0–10 (11), CSAT 1–5, CES 1–7. */
  scoreUrls: string[];
  /** Opens the survey page without a score. */
  surveyUrl: string;
  unsubscribeUrl: string;
  /** A reminder to someone who has not answered yet says so. */
  reminder: boolean;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Throws an Error on input no email should be sent with: wrong number of score links, non-http(s) links. */
export function renderSurveyEmail(input: SurveyEmailInput): RenderedEmail {
  const view = surveyEmailView(input);
  const subject = subjectOf(input);
  return { subject, html: surveyEmailHtml(view, subject), text: surveyEmailText(view) };
}

function subjectOf(input: SurveyEmailInput): string {
  const subject = input.subject?.trim()
    ? renderMergeFields(input.subject, mergeValues(input), (s) => s)
    : t(input.locale, input.reminder ? "email.subject.reminder" : "email.subject", {
        brand: input.brand.name,
      });
  // A subject is one header line: a line break from a name or template must not start another header.
  return subject.replace(/\s+/g, " ").trim();
}

function surveyEmailView(input: SurveyEmailInput): SurveyEmailView {
  const values = mergeValues(input);
  // The survey page fills {brand} in questions; the email reads it as the merge field it stands for.
  const question = input.question.replace(/(?<!\{)\{brand\}(?!\})/g, "{{brand.name}}");
  return {
    locale: input.locale,
    kind: input.kind,
    reminder: input.reminder,
    brand: {
      name: input.brand.name,
      logoUrl: httpUrl(input.brand.logoUrl),
      color: hexColor(input.brand.color, COLORS.brandDefault),
    },
    sender: {
      name: input.sender.name,
      address: input.sender.address?.trim() || undefined,
      postalAddress: input.sender.postalAddress?.trim() || undefined,
    },
    contactName: input.contact.name?.trim() || undefined,
    scores: scoreLinks(input.kind, input.scoreUrls),
    surveyUrl: requireHttpUrl(input.surveyUrl, "surveyUrl"),
    unsubscribeUrl: requireHttpUrl(input.unsubscribeUrl, "unsubscribeUrl"),
    ownerTexts: (escape) => ({
      question: renderMergeFields(question, values, escape),
      intro: input.intro?.trim()
        ? renderMergeFields(input.intro, values, escape)
        : escape(t(input.locale, "email.intro", { brand: input.brand.name })),
    }),
  };
}

function mergeValues(input: SurveyEmailInput): MergeValues {
  return { contact: input.contact, touchpoint: input.touchpoint, brand: input.brand };
}

function scoreLinks(kind: SurveyKind, urls: readonly string[]): ScoreLink[] {
  const { min, max } = scaleOf(kind);
  if (urls.length !== max - min + 1) {
    throw new Error(`a ${kind} email needs ${max - min + 1} score URLs (${min}–${max}), got ${urls.length}`);
  }
  return urls.map((url, i) => ({ score: min + i, url: requireHttpUrl(url, `scoreUrls[${i}]`) }));
}

function requireHttpUrl(value: string, name: string): string {
  const url = httpUrl(value);
  if (!url) throw new Error(`${name} must be an absolute http(s) URL`);
  return url;
}
