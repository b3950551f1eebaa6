// What the public survey pages share: locale choice, brand, the form body, and page errors.
import type { Context } from "hono";
import type { SurveyRow } from "../../db/schema.ts";
import type { PageAnswer } from "../../domain/responses/answer.ts";
import { MAX_COMMENT } from "../../domain/responses/response-schema.ts";
import { longerThan, storableText } from "../../domain/storable-text.ts";
import { localeFromHeader, t, type Locale, type MessageKey } from "../../i18n/messages.ts";
import { messagePage } from "../../pages/layout.ts";
import { formFields } from "../body.ts";

export function pageLocale(c: Context, contactLocale: Locale | null | undefined, survey?: SurveyRow): Locale {
  return contactLocale ?? localeFromHeader(c.req.header("accept-language"), survey?.default_locale ?? "ja");
}

export function errorPage(
  c: Context,
  status: 400 | 403 | 404 | 409 | 410 | 429,
  locale: Locale,
  kind: string,
  brand?: string,
) {
  const title = t(locale, `error.${kind}.title` as MessageKey);
  const body = t(locale, `error.${kind}.body` as MessageKey);
  return c.html(messagePage(locale, title, body, brand), status);
}

export interface PostedForm {
  formToken: string;
  score: number | undefined;
  step: "score" | "done";
  answer: Omit<PageAnswer, "score" | "locale">;
  truncated: boolean;
}

/** Reads the posted survey form; anything malformed becomes "absent", never an error page. */
export async function readSurveyForm(c: Context, locale: Locale, brand: string): Promise<PostedForm> {
  const form = await formFields(c).catch(() => ({}) as Record<string, unknown>);
  const str = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
  const score = /^\d{1,2}$/.test(str("score")) ? Number(str("score")) : undefined;
  const comment = str("comment").replace(/\r\n/g, "\n");
  const contact = str("contact");
  return {
    formToken: str("ft"),
    score,
    step: str("step") === "score" ? "score" : "done",
    truncated: longerThan(comment, MAX_COMMENT),
    answer: {
      comment: storableText(comment, MAX_COMMENT),
      contactPreference:
        contact === "email" || contact === "phone" || contact === "none" ? contact : undefined,
      testimonialConsent: str("testimonial") === "yes" ? t(locale, "form.testimonial", { brand }) : undefined,
    },
  };
}
