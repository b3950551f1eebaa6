// What the public survey pages share: locale choice, brand, the form body and whether a post may answer,
// and page errors.
import type { Context } from "hono";
import type { SurveyRow } from "../../db/schema.ts";
import type { PageAnswer } from "../../domain/responses/answer.ts";
import { judgePagePost, NO_SCRIPT_MIN_MS, type PagePostVerdict } from "../../domain/responses/page-post.ts";
import { MAX_COMMENT } from "../../domain/responses/response-schema.ts";
import { longerThan, storableText } from "../../domain/storable-text.ts";
import type { Brands } from "../../domain/workspaces/brand.ts";
import { localeFromHeader, t, type Locale, type MessageKey } from "../../i18n/messages.ts";
import { messagePage } from "../../pages/layout.ts";
import { formFields } from "../body.ts";
import type { AppDeps } from "../env.ts";
import { withPageCsp } from "../page-csp.ts";

export function pageLocale(c: Context, contactLocale: Locale | null | undefined, survey?: SurveyRow): Locale {
  return contactLocale ?? localeFromHeader(c.req.header("accept-language"), survey?.default_locale ?? "ja");
}

export async function errorPage(
  c: Context,
  status: 400 | 403 | 404 | 409 | 410 | 429,
  locale: Locale,
  kind: string,
  brand?: Brands,
) {
  const title = t(locale, `error.${kind}.title` as MessageKey);
  const body = t(locale, `error.${kind}.body` as MessageKey);
  return withPageCsp(await c.html(messagePage(locale, title, body, brand), status));
}

export interface PostedForm {
  formToken: string;
  /** The page script's mark (`h`), set on a person's first interaction. */
  mark: string;
  /** The `nojs` field, which only a page without scripting sends (it sits in <noscript>). */
  noScript: boolean;
  score: number | undefined;
  step: "score" | "done";
  answer: Omit<PageAnswer, "score" | "locale">;
  truncated: boolean;
}

/** Reads the posted survey form; anything malformed becomes "absent", never an error page. */
export async function readSurveyForm(c: Context, locale: Locale, brand?: Brands): Promise<PostedForm> {
  const form = await formFields(c).catch(() => ({}) as Record<string, unknown>);
  const str = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
  const score = /^\d{1,2}$/.test(str("score")) ? Number(str("score")) : undefined;
  const comment = str("comment").replace(/\r\n/g, "\n");
  const contact = str("contact");
  return {
    formToken: str("ft"),
    mark: str("h"),
    noScript: str("nojs") === "1",
    score,
    step: str("step") === "score" ? "score" : "done",
    truncated: longerThan(comment, MAX_COMMENT),
    answer: {
      comment: storableText(comment, MAX_COMMENT),
      contactPreference:
        contact === "email" || contact === "phone" || contact === "none" ? contact : undefined,
      testimonialConsent:
        str("testimonial") === "yes" && brand
          ? t(locale, "form.testimonial", { brand: brand[locale].name })
          : undefined,
    },
  };
}

/** The page clock: the app's one clock, in epoch ms. */
export const pageNow = (deps: AppDeps): number => deps.clock.now();

/** Whether a posted survey form may store an answer (domain/responses/page-post.ts). */
export function judgeForm(c: Context, deps: AppDeps, form: PostedForm): PagePostVerdict {
  return judgePagePost(
    deps.secret,
    {
      formToken: form.formToken,
      mark: form.mark,
      noScript: form.noScript,
      signals: {
        method: c.req.method,
        userAgent: c.req.header("user-agent") ?? "",
        purpose: ["purpose", "sec-purpose", "x-purpose", "x-moz"].map((h) => c.req.header(h) ?? "").join(" "),
      },
    },
    { now: pageNow(deps), noScriptMinMs: deps.noScriptMinMs ?? NO_SCRIPT_MIN_MS },
  );
}
