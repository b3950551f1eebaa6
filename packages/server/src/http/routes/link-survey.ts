// /s/:surveyId — the anonymous link survey. Hidden fields come from the query string (touchpoint,
// channel, order, meta.*); one response per browser session, kept in a signed session cookie.
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
import { scaleOf } from "../../domain/scores/scales.ts";
import { signFormToken, verifyFormToken } from "../../domain/sends/token.ts";
import { t } from "../../i18n/messages.ts";
import { surveyPage } from "../../pages/survey-page.ts";
import { thanksPage } from "../../pages/thanks-page.ts";
import type { AppDeps } from "../env.ts";
import { storableText } from "../../domain/storable-text.ts";
import { errorPage, pageLocale, readSurveyForm } from "./page-helpers.ts";

const MAX_META = 20;

export function linkSurveyRoutes(deps: AppDeps) {
  const { db, events, secret } = deps;
  const cookieName = (surveyId: string) => `koe_${surveyId.replace(/-/g, "")}`;
  const sign = (value: string) =>
    createHmac("sha256", secret).update(`cookie:${value}`).digest("base64url").slice(0, 22);

  /** The response this browser made before, from its signed cookie. */
  function previousResponse(c: Context, surveyId: string): string | undefined {
    const [id, sig] = (getCookie(c, cookieName(surveyId)) ?? "").split(".");
    if (!id || !sig || !isId(id)) return undefined;
    const expected = sign(id);
    return sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected))
      ? id
      : undefined;
  }

  /** Only surveys that take answers are public; a draft is as good as absent, a closed one says so. */
  const withSurvey = async (c: Context, handle: (s: SurveyRow, brand: string) => Promise<Response>) => {
    const id = c.req.param("surveyId") ?? "";
    const found = isId(id) ? await findSurveyWithBrand(db, id) : undefined;
    c.header("cache-control", "no-store");
    if (!found || (!acceptsAnswers(found.survey) && found.survey.status === "draft"))
      return errorPage(c, 404, pageLocale(c, undefined), "notfound");
    const { survey, brand } = found;
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

  return new Hono()
    .get("/:surveyId", (c) =>
      withSurvey(c, async (survey, brand) => {
        const { min, max } = scaleOf(survey.kind);
        const raw = Number(c.req.query("score"));
        const score =
          Number.isInteger(raw) && raw >= min && raw <= max && c.req.query("score") !== "" ? raw : undefined;
        return c.html(
          surveyPage({
            survey,
            locale: pageLocale(c, undefined, survey),
            brand,
            action: action(c),
            formToken: signFormToken(secret, `link:${survey.id}`),
            score,
          }),
        );
      }),
    )
    .post("/:surveyId", (c) =>
      withSurvey(c, async (survey, brand) => {
        const locale = pageLocale(c, undefined, survey);
        const form = await readSurveyForm(c, locale, brand);
        if (!verifyFormToken(secret, `link:${survey.id}`, form.formToken))
          return errorPage(c, 403, locale, "form", brand);
        const { min, max } = scaleOf(survey.kind);
        if (form.score === undefined || form.score < min || form.score > max) {
          const page = surveyPage({
            survey,
            locale,
            brand,
            action: action(c),
            formToken: signFormToken(secret, `link:${survey.id}`),
            error: t(locale, "error.score.body"),
          });
          return c.html(page, 422);
        }
        const hidden = await hiddenFields(c, survey);
        let saved;
        try {
          saved = await saveAnswer(
            db,
            events,
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
          );
        } catch (e) {
          if (e instanceof ConflictError) return errorPage(c, 409, locale, "locked", brand);
          throw e;
        }
        setCookie(c, cookieName(survey.id), `${saved.responseId}.${sign(saved.responseId)}`, {
          httpOnly: true,
          sameSite: "Lax",
          path: `/s/${survey.id}`,
        });
        if (form.step === "score") {
          const back = new URL(c.req.url);
          back.searchParams.set("score", String(form.score));
          return c.redirect(`${back.pathname}${back.search}`, 303);
        }
        return c.redirect(`/s/${survey.id}/thanks${form.truncated ? "?cut=1" : ""}`, 303);
      }),
    )
    .get("/:surveyId/thanks", (c) =>
      withSurvey(c, async (survey, brand) => {
        const id = previousResponse(c, survey.id);
        const response = id
          ? await db
              .selectFrom("responses")
              .select("segment")
              .where("workspace_id", "=", survey.workspace_id)
              .where("id", "=", id)
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
