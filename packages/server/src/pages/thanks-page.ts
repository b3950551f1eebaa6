import { html } from "hono/html";
import type { SurveyRow } from "../db/schema.ts";
import { formatDate, t, type Locale } from "../i18n/messages.ts";
import { MAX_COMMENT } from "../domain/responses/response-schema.ts";
import type { Brands } from "../domain/workspaces/brand.ts";
import { brandHeader, layout, type Html } from "./layout.ts";
import { localText } from "./survey-page.ts";

export function thanksPage(p: {
  survey: SurveyRow;
  locale: Locale;
  brand: Brands;
  segment: string;
  editableUntil?: Date | undefined;
  /** The workspace's time zone, for that date. */
  timeZone?: string | undefined;
  truncated: boolean;
  /** An admin's preview: a ribbon says so. */
  preview?: boolean;
  /** A campaign's test email: a ribbon says the answer counts nowhere. */
  test?: boolean;
}): Html {
  const { locale, survey } = p;
  const cta = survey.settings.ctas?.[p.segment];
  // The review invitation goes to every respondent alike: never only to promoters (review gating).
  const review = survey.settings.reviewInvite;
  const body = html`<div class="card">
    ${brandHeader(p.brand[locale])}
    <h1>${t(locale, "thanks.title")}</h1>
    <p>${t(locale, "thanks.body")}</p>
    ${p.truncated ? html`<p class="notice">${t(locale, "thanks.truncated", { max: MAX_COMMENT.toLocaleString(locale) })}</p>` : ""}
    ${p.editableUntil ? html`<p class="hint">${t(locale, "thanks.edit", { date: formatDate(locale, p.editableUntil, p.timeZone) })}</p>` : ""}
    ${cta ? html`<p><a class="cta" href="${cta.url}" rel="noopener">${localText(cta.label, locale)}</a></p>` : ""}
    ${review ? html`<p>${t(locale, "thanks.review")} <a href="${review.url}" rel="noopener">${localText(review.label, locale)}</a></p>` : ""}
  </div>`;
  const ribbon = p.preview ? t(locale, "preview.ribbon") : p.test ? t(locale, "test.ribbon") : undefined;
  return layout({ lang: locale, title: t(locale, "thanks.title"), body, ribbon, brand: p.brand[locale] });
}
