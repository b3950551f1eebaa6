// /r/:token — the personal link of one send. A GET never records an answer: a score in the URL is only
// an intent (mail scanners open every link); a person's submit or first real interaction confirms it, and
// a post a script made, or one without scripting that a scanner could have made, stores nothing.
import { Hono, type Context } from "hono";
import { dateOf } from "../../clock.ts";
import type { Db } from "../../db/open.ts";
import { ConflictError } from "../../domain/errors.ts";
import { EDIT_WINDOW_MS } from "../../domain/responses/answer.ts";
import { answerSend } from "../../domain/sends/answer-send.ts";
import { scaleOf } from "../../domain/scores/scales.ts";
import { linkAcceptsAnswers } from "../../domain/surveys/accepts-answers.ts";
import { BURST_WINDOW_MS, recordIntent } from "../../domain/sends/intents.ts";
import { recordTrapHit, scannerTraceSince } from "../../domain/sends/scanner-traces.ts";
import {
  isTestSend,
  keptAnswer,
  loadSendContext,
  type SendContext,
} from "../../domain/sends/send-context.ts";
import {
  humanMark,
  isHumanMark,
  signFormToken,
  TokenError,
  verifyFormToken,
  verifySendToken,
} from "../../domain/sends/token.ts";
import { t } from "../../i18n/messages.ts";
import { surveyPage, type SurveyPageInput } from "../../pages/survey-page.ts";
import { thanksPage } from "../../pages/thanks-page.ts";
import type { AppDeps } from "../env.ts";
import { framedByNobody, setPageCsp } from "../page-csp.ts";
import {
  errorPage,
  judgeForm,
  pageLocale,
  pageNow,
  readSurveyForm,
  type PostedForm,
} from "./page-helpers.ts";

async function load(db: Db, secret: string, token: string, now: number): Promise<SendContext> {
  const parsed = verifySendToken(secret, token, new Date(now));
  const context = await loadSendContext(db, parsed.workspaceId, parsed.sendId);
  if (!context) throw new TokenError("invalid");
  return context;
}

type Loaded = SendContext;

function scoreParam(raw: string | undefined, kind: "nps" | "csat" | "ces"): number | undefined {
  const { min, max } = scaleOf(kind);
  const n = raw !== undefined && /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  return n >= min && n <= max ? n : undefined;
}

export function personalLinkRoutes(deps: AppDeps) {
  const { db, secret } = deps;

  /** Loads the send behind the token, or answers with the friendly page for a bad or expired link. */
  const withSend = async (c: Context, handle: (l: Loaded) => Promise<Response>) => {
    const token = c.req.param("token") ?? "";
    let loaded: Loaded;
    try {
      loaded = await load(db, secret, token, pageNow(deps));
    } catch (e) {
      if (!(e instanceof TokenError)) throw e;
      const locale = pageLocale(c, undefined);
      return e.reason === "expired"
        ? errorPage(c, 410, locale, "expired")
        : errorPage(c, 404, locale, "invalid");
    }
    c.header("cache-control", "no-store");
    setPageCsp(c, loaded.frameAncestors);
    // A survey that takes no answers (closed, or back to a draft) shows its link as closed, records nothing.
    if (!linkAcceptsAnswers(loaded.survey, isTestSend(loaded.send))) {
      return errorPage(c, 410, pageLocale(c, loaded.contactLocale, loaded.survey), "closed");
    }
    return handle(loaded);
  };

  /** The page of this send, with a fresh form token and the mark its script sets for a person. */
  const page = (c: Context, l: Loaded, p: Pick<SurveyPageInput, "score" | "comment" | "error">) => {
    const base = `/r/${c.req.param("token")}`;
    const formToken = signFormToken(secret, l.send.id, pageNow(deps));
    return surveyPage({
      survey: l.survey,
      locale: pageLocale(c, l.contactLocale, l.survey),
      brand: l.brand,
      action: base,
      confirmUrl: `${base}/confirm`,
      trapUrl: `${base}/t`,
      formToken,
      humanMark: humanMark(secret, formToken),
      test: isTestSend(l.send),
      ...p,
    });
  };

  /** Why a posted form may not answer, or null: a script posted it, or a scanner could have. */
  const refusal = async (c: Context, l: Loaded, form: PostedForm) => {
    const verdict = judgeForm(c, deps, form);
    if (!verdict.ok) return verdict.reason;
    if (verdict.by === "script") return null;
    const since = new Date(verdict.pageServedAt - BURST_WINDOW_MS);
    return scannerTraceSince(db, l.send.workspace_id, l.send.id, since);
  };

  return new Hono()
    .use(framedByNobody)
    .get("/:token", (c) =>
      withSend(c, async (l) => {
        const score = scoreParam(c.req.query("score"), l.survey.kind);
        // A test send's clicks are the tester's: nothing to audit.
        if (score !== undefined && !l.response && !isTestSend(l.send)) {
          await recordIntent(
            db,
            l.send.workspace_id,
            l.send.id,
            score,
            {
              method: c.req.method,
              userAgent: c.req.header("user-agent") ?? "",
              purpose: ["purpose", "sec-purpose", "x-purpose", "x-moz"]
                .map((h) => c.req.header(h) ?? "")
                .join(" "),
            },
            dateOf(deps.clock),
          );
        }
        return c.html(
          page(c, l, { score: score ?? l.response?.score, comment: l.response?.comment ?? undefined }),
        );
      }),
    )
    .post("/:token", (c) =>
      withSend(c, async (l) => {
        const locale = pageLocale(c, l.contactLocale, l.survey);
        const brand = l.brand;
        const form = await readSurveyForm(c, locale, brand);
        if (!verifyFormToken(secret, l.send.id, form.formToken, pageNow(deps)))
          return errorPage(c, 403, locale, "form", brand);
        const base = `/r/${c.req.param("token")}`;
        if (form.score === undefined || scoreParam(String(form.score), l.survey.kind) === undefined) {
          return c.html(
            page(c, l, { error: t(locale, "error.score.body"), comment: form.answer.comment }),
            422,
          );
        }
        // Stores nothing; the person sees their answer again and presses once more (a script stops here).
        if (await refusal(c, l, form)) {
          const again = {
            score: form.score,
            comment: form.answer.comment,
            error: t(locale, "error.again.body"),
          };
          return c.html(page(c, l, again), 422);
        }
        try {
          await answerSend(db, l, { ...form.answer, score: form.score, locale }, dateOf(deps.clock));
        } catch (e) {
          if (e instanceof ConflictError) return errorPage(c, 409, locale, "locked", brand);
          throw e;
        }
        if (form.step === "score") return c.redirect(`${base}?score=${form.score}`, 303);
        return c.redirect(`${base}/thanks${form.truncated ? "?cut=1" : ""}`, 303);
      }),
    )
    .post("/:token/confirm", (c) =>
      withSend(c, async (l) => {
        const form = await readSurveyForm(c, "en");
        // Only the page script sends this, after a person's interaction: with the form's mark.
        if (
          !verifyFormToken(secret, l.send.id, form.formToken, pageNow(deps)) ||
          !isHumanMark(secret, form.formToken, form.mark)
        )
          return c.body(null, 403);
        const score = scoreParam(String(form.score), l.survey.kind);
        if (score === undefined) return c.body(null, 422);
        // A changed score edits the answer but keeps what the person wrote before.
        if (l.response?.score === score) return c.body(null, 204);
        const locale = pageLocale(c, l.contactLocale, l.survey);
        const kept = keptAnswer(l.response);
        try {
          await answerSend(db, l, { ...kept, score, locale }, dateOf(deps.clock));
        } catch (e) {
          if (e instanceof ConflictError) return c.body(null, 409);
          throw e;
        }
        return c.body(null, 204);
      }),
    )
    .get("/:token/t", (c) =>
      withSend(c, async (l) => {
        await recordTrapHit(db, l.send.workspace_id, l.send.id, dateOf(deps.clock));
        return c.body(null, 204);
      }),
    )
    .get("/:token/thanks", (c) =>
      withSend(c, async (l) => {
        if (!l.response) return c.redirect(`/r/${c.req.param("token")}`, 303);
        const locale = pageLocale(c, l.contactLocale, l.survey);
        return c.html(
          thanksPage({
            survey: l.survey,
            locale,
            brand: l.brand,
            segment: l.response.segment,
            editableUntil: new Date(l.response.createdAt.getTime() + EDIT_WINDOW_MS),
            timeZone: l.timeZone,
            truncated: c.req.query("cut") === "1",
            test: isTestSend(l.send),
          }),
        );
      }),
    );
}
