// /s/:surveyId — the anonymous link survey. Hidden fields come from the query string (touchpoint,
// channel, order, meta.*); one response per browser session, kept in a signed session cookie. A post a
// script made, or one without scripting sent too soon after its page, stores nothing.
import { dateOf } from "../../clock.ts";
import { createHmac, timingSafeEqual } from "node:crypto";
import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { SurveyRow } from "../../db/schema.ts";
import { ConflictError } from "../../domain/errors.ts";
import { channels } from "../../domain/fields.ts";
import { isId } from "../../domain/ids.ts";
import { saveAnswer } from "../../domain/responses/answer.ts";
import { findRow } from "../../domain/rows.ts";
import { acceptsAnswers } from "../../domain/surveys/accepts-answers.ts";
import { findSurveyWithBrand } from "../../domain/surveys/surveys.ts";
import type { Brands } from "../../domain/workspaces/brand.ts";
import { scaleOf } from "../../domain/scores/scales.ts";
import { humanMark, signFormToken, verifyFormToken } from "../../domain/sends/token.ts";
import { t } from "../../i18n/messages.ts";
import { surveyPage, type SurveyPageInput } from "../../pages/survey-page.ts";
import { thanksPage } from "../../pages/thanks-page.ts";
import type { AppDeps } from "../env.ts";
import { storableText } from "../../domain/storable-text.ts";
import { framedByNobody, setPageCsp } from "../page-csp.ts";
import { errorPage, judgeForm, pageLocale, pageNow, readSurveyForm } from "./page-helpers.ts";

const MAX_META = 20;

export function linkSurveyRoutes(deps: AppDeps) {
  const { db, secret } = deps;
  const cookieName = (surveyId: string) => `koe_${surveyId.replace(/-/g, "")}`;
  const sign = (value: string) =>
    createHmac("sha256", secret).update(`cookie:${value}`).digest("base64url").slice(0, 22);

  /** The response this browser made before, from its signed cookie. */
  const previousResponse = (c: Context, surveyId: string) => signedRef(getCookie(c, cookieName(surveyId)));

  /** A response id signed by this server ("id.signature"), else undefined. */
  function signedRef(value: string | undefined): string | undefined {
    const [id, sig] = (value ?? "").split(".");
    if (!id || !sig || !isId(id)) return undefined;
    const expected = sign(id);
    return sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected))
      ? id
      : undefined;
  }

  /** Only surveys that take answers are public; a draft is as good as absent, a closed one says so. */
  const withSurvey = async (c: Context, handle: (s: SurveyRow, brand: Brands) => Promise<Response>) => {
    const id = c.req.param("surveyId") ?? "";
    const found = isId(id) ? await findSurveyWithBrand(db, id) : undefined;
    c.header("cache-control", "no-store");
    if (!found || (!acceptsAnswers(found.survey) && found.survey.status === "draft"))
      return errorPage(c, 404, pageLocale(c, undefined), "notfound");
    const { survey, brand } = found;
    setPageCsp(c, found.frameAncestors);
    if (!acceptsAnswers(survey)) return errorPage(c, 410, pageLocale(c, undefined, survey), "closed");
    return handle(survey, brand);
  };

  /** Hidden fields from the query string: known touchpoint and channel, order id, meta.* into metadata. */
  async function hiddenFields(c: Context, survey: SurveyRow) {
    const q = c.req.query();
    const metadata: Record<string, string> = {};
    if (q.order) metadata.orderId = storableText(q.order, 200);
    for (const [k, v] of Object.entries(q)) {
      const key = storableText(k.slice(5), 64);
      if (k.startsWith("meta.") && key && Object.keys(metadata).length < MAX_META)
        metadata[key] = storableText(v, 200);
    }
    const touchpoint =
      q.touchpoint && isId(q.touchpoint)
        ? await findRow(db, "touchpoints", survey.workspace_id, q.touchpoint)
        : undefined;
    const channel = (channels as readonly string[]).includes(q.channel ?? "")
      ? (q.channel as string)
      : (touchpoint?.channel ?? "web");
    return { touchpointId: touchpoint?.id ?? null, channel, metadata };
  }

  const action = (c: Context) => {
    const url = new URL(c.req.url);
    url.searchParams.delete("score");
    return `${url.pathname}${url.search}`;
  };

  /** The survey's page, with a fresh form token and the mark its script sets for a person. */
  const page = (
    c: Context,
    survey: SurveyRow,
    brand: Brands,
    p: Pick<SurveyPageInput, "score" | "comment" | "error">,
  ) => {
    const formToken = signFormToken(secret, `link:${survey.id}`, pageNow(deps));
    return surveyPage({
      survey,
      locale: pageLocale(c, undefined, survey),
      brand,
      action: action(c),
      formToken,
      humanMark: humanMark(secret, formToken),
      ...p,
    });
  };

  return new Hono()
    .use(framedByNobody)
    .get("/:surveyId", (c) =>
      withSurvey(c, async (survey, brand) => {
        const { min, max } = scaleOf(survey.kind);
        const raw = Number(c.req.query("score"));
        const score =
          Number.isInteger(raw) && raw >= min && raw <= max && c.req.query("score") !== "" ? raw : undefined;
        return c.html(page(c, survey, brand, { score }));
      }),
    )
    .post("/:surveyId", (c) =>
      withSurvey(c, async (survey, brand) => {
        const locale = pageLocale(c, undefined, survey);
        const form = await readSurveyForm(c, locale, brand);
        if (!verifyFormToken(secret, `link:${survey.id}`, form.formToken, pageNow(deps)))
          return errorPage(c, 403, locale, "form", brand);
        const { min, max } = scaleOf(survey.kind);
        if (form.score === undefined || form.score < min || form.score > max) {
          return c.html(page(c, survey, brand, { error: t(locale, "error.score.body") }), 422);
        }
        // Stores nothing; the person sees their answer again and presses once more (a script stops here).
        if (!judgeForm(c, deps, form).ok) {
          const again = {
            score: form.score,
            comment: form.answer.comment,
            error: t(locale, "error.again.body"),
          };
          return c.html(page(c, survey, brand, again), 422);
        }
        const hidden = await hiddenFields(c, survey);
        let saved;
        try {
          saved = await saveAnswer(
            db,
            survey.workspace_id,
            {
              surveyId: survey.id,
              kind: survey.kind,
              previousResponseId: previousResponse(c, survey.id),
              contactId: null,
              source: "link",
              ...hidden,
            },
            { ...form.answer, score: form.score, locale },
            dateOf(deps.clock),
          );
        } catch (e) {
          if (e instanceof ConflictError) return errorPage(c, 409, locale, "locked", brand);
          throw e;
        }
        const ref = `${saved.responseId}.${sign(saved.responseId)}`;
        setCookie(c, cookieName(survey.id), ref, {
          httpOnly: true,
          sameSite: "Lax",
          path: `/s/${survey.id}`,
        });
        if (form.step === "score") {
          const back = new URL(c.req.url);
          back.searchParams.set("score", String(form.score));
          return c.redirect(`${back.pathname}${back.search}`, 303);
        }
        // The thank-you page names the answer itself: in a frame on another site the cookie is not kept.
        return c.redirect(`/s/${survey.id}/thanks?r=${ref}${form.truncated ? "&cut=1" : ""}`, 303);
      }),
    )
    .get("/:surveyId/thanks", (c) =>
      withSurvey(c, async (survey, brand) => {
        const id = signedRef(c.req.query("r")) ?? previousResponse(c, survey.id);
        const response = id
          ? await db
              .selectFrom("responses")
              .select("segment")
              .where("workspace_id", "=", survey.workspace_id)
              .where("id", "=", id)
              .where("survey_id", "=", survey.id)
              .executeTakeFirst()
          : undefined;
        if (!response) return c.redirect(`/s/${survey.id}`, 303);
        const locale = pageLocale(c, undefined, survey);
        return c.html(
          thanksPage({
            survey,
            locale,
            brand,
            segment: response.segment,
            truncated: c.req.query("cut") === "1",
          }),
        );
      }),
    );
}
