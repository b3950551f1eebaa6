// The survey page: the score, then the follow-up for the score's segment, in one form that works
// without JavaScript (choose a score → "Next" → the follow-up appears).
import { html } from "hono/html";
import type { SurveyRow } from "../db/schema.ts";
import type { Brands } from "../domain/workspaces/brand.ts";
import { t, type Locale } from "../i18n/messages.ts";
import { MAX_COMMENT } from "../domain/responses/response-schema.ts";
import { isHappy, isUnhappy, scaleOf, segmentOf, segmentsOf } from "../domain/scores/scales.ts";
import { brandHeader, layout, type Html } from "./layout.ts";
import { surveyScript } from "./survey-script.ts";

export interface SurveyPageInput {
  survey: SurveyRow;
  locale: Locale;
  /** The brand in each language; the page shows the one of its own. */
  brand: Brands;
  action: string;
  formToken: string;
  /** What the page script puts into the form once a person interacts (domain/sends/token.ts: humanMark). */
  humanMark?: string;
  /** Where the page script confirms a score on a real interaction; none for link surveys. */
  confirmUrl?: string;
  trapUrl?: string;
  score?: number | undefined;
  comment?: string | undefined;
  error?: string | undefined;
  /** An admin's preview: a ribbon says so, and the form submits nowhere (`method="dialog"` outside a dialog). */
  preview?: boolean;
  /** A campaign's test email: a ribbon says the answer counts nowhere. */
  test?: boolean;
}

/** Text in the page's locale, else the survey's other locale. */
export const localText = (text: Partial<Record<Locale, string>> | undefined, locale: Locale): string =>
  text?.[locale] ?? text?.[locale === "ja" ? "en" : "ja"] ?? "";

function colourOf(kind: SurveyRow["kind"], score: number): string {
  if (kind !== "nps") return "s-any";
  return score <= 6 ? "s-low" : score <= 8 ? "s-mid" : "s-high";
}

export function surveyPage(p: SurveyPageInput): Html {
  const { survey, locale } = p;
  const { min, max } = scaleOf(survey.kind);
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const segs = Object.fromEntries(scores.map((s) => [s, segmentOf(survey.kind, s)]));
  const current = p.score === undefined ? undefined : segmentOf(survey.kind, p.score);
  const settings = survey.settings;
  const segments = segmentsOf(survey.kind);
  const brand = p.brand[locale];
  const question = localText(survey.question, locale).replaceAll("{brand}", () => brand.name);

  const followUps = segments.map((seg) => {
    const text = localText(survey.follow_ups[seg], locale) || t(locale, "form.followup.default");
    return html`<label for="comment" data-seg="${seg}" ${current === seg ? "" : "hidden"}
      ><strong>${text}</strong></label
    >`;
  });
  const lowSegs = segments.filter(isUnhappy).join(" ");
  const highSegs = segments.filter(isHappy).join(" ");
  const hiddenUnless = (segList: string) => (current && segList.split(" ").includes(current) ? "" : "hidden");

  const body = html`<div class="card">
    ${brandHeader(brand)}
    ${p.error ? html`<p class="notice" role="alert">${p.error}</p>` : ""}
    <form
      id="koe-form"
      ${p.preview ? html`method="dialog"` : html`method="post" action="${p.action}"`}
      data-segs="${JSON.stringify(segs)}"
      data-confirm="${p.confirmUrl ?? ""}"
      data-human="${p.humanMark ?? ""}"
    >
      <input type="hidden" name="ft" value="${p.formToken}" />
      <input type="hidden" name="h" value="" />
      <noscript><input type="hidden" name="nojs" value="1" /></noscript>
      <fieldset>
        <legend><h1>${question}</h1></legend>
        <div
          class="scores n${scores.length}"
          style="--n:${scores.length}"
          role="radiogroup"
          aria-label="${t(locale, "score.legend", { min, max })}"
        >
          ${scores.map(
            (s) =>
              html`<input
                  type="radio"
                  name="score"
                  id="score-${s}"
                  value="${s}"
                  ${p.score === s ? "checked" : ""}
                /><label for="score-${s}" class="${colourOf(survey.kind, s)}">${s}</label>`,
          )}
        </div>
        <div class="ends" aria-hidden="true">
          <span>${min} = ${t(locale, `score.${survey.kind}.low`)}</span
          ><span>${max} = ${t(locale, `score.${survey.kind}.high`)}</span>
        </div>
      </fieldset>
      <p id="koe-next" ${current ? "hidden" : ""}>
        <button type="submit" name="step" value="score" class="secondary">${t(locale, "form.next")}</button>
      </p>
      <div id="koe-details" ${current ? "" : "hidden"}>
        <p>${followUps}</p>
        <textarea
          id="comment"
          name="comment"
          maxlength="${MAX_COMMENT}"
          placeholder="${t(locale, "form.comment.placeholder")}"
        >
${p.comment ?? ""}</textarea>
        <p class="hint">${t(locale, "form.comment.limit", { max: MAX_COMMENT.toLocaleString(locale) })}</p>
        ${
          settings.askContactPreference === false || !lowSegs
            ? ""
            : html`<fieldset class="choices" data-seg="${lowSegs}" ${hiddenUnless(lowSegs)}>
                <legend>${t(locale, "form.contact.question")}</legend>
                <label
                  ><input type="radio" name="contact" value="email" />
                  ${t(locale, "form.contact.email")}</label
                >
                <label
                  ><input type="radio" name="contact" value="phone" />
                  ${t(locale, "form.contact.phone")}</label
                >
                <label
                  ><input type="radio" name="contact" value="none" /> ${t(locale, "form.contact.none")}</label
                >
              </fieldset>`
        }
        ${
          settings.askTestimonial === false || !highSegs
            ? ""
            : html`<p class="choices" data-seg="${highSegs}" ${hiddenUnless(highSegs)}>
                <label
                  ><input type="checkbox" name="testimonial" value="yes" />
                  ${t(locale, "form.testimonial", { brand: brand.name })}</label
                >
              </p>`
        }
        <p><button type="submit" name="step" value="done">${t(locale, "form.submit")}</button></p>
      </div>
    </form>
    ${p.trapUrl ? html`<a href="${p.trapUrl}" tabindex="-1" aria-hidden="true" style="display:none">.</a>` : ""}
    <p class="purpose">${t(locale, "form.purpose", { brand: brand.name })}</p>
  </div>`;
  return layout({
    lang: locale,
    brand,
    title: question || t(locale, "page.title"),
    body,
    script: p.preview ? undefined : surveyScript, // a preview frame runs no script
    ribbon: p.preview ? t(locale, "preview.ribbon") : p.test ? t(locale, "test.ribbon") : undefined,
  });
}
