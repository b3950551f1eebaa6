// The survey editor's live preview (admins): the survey's landing page for a step, and its email, for
// the survey as being edited, before it is saved. Nothing is stored and nothing can be answered.
import { dateOf } from "../../clock.ts";
import { Hono } from "hono";
import { previewSurveyEmail } from "../../channels/email/survey-email-preview.ts";
import { canEditSurveys, ensure } from "../../domain/auth/permissions.ts";
import {
  findPreviewWorkspace,
  surveyEmailPreviewInput,
  surveyPreviewInput,
  unsavedSurveyRow,
} from "../../domain/surveys/survey-preview.ts";
import { resolveBrands } from "../../domain/workspaces/brand.ts";
import { surveyPreviewPage } from "../../pages/survey-preview.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body } from "../validate.ts";

export function surveyPreviewRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const routes = new Hono<AppEnv>()
    .post("/preview", async (c) => {
      ensure(canEditSurveys(c.var.actor), "preview surveys");
      const input = await body(c, surveyPreviewInput);
      const ws = c.var.actor.workspaceId;
      const survey = unsavedSurveyRow(ws, input.survey, dateOf(deps.clock));
      const workspace = await findPreviewWorkspace(deps.db, ws);
      const page = await surveyPreviewPage({
        survey,
        brand: resolveBrands(workspace, survey),
        locale: input.locale,
        step: input.step,
        score: input.score,
      });
      return c.json({ html: page.toString() });
    })
    .post("/preview-email", async (c) => {
      ensure(canEditSurveys(c.var.actor), "preview surveys");
      const input = await body(c, surveyEmailPreviewInput);
      const ws = c.var.actor.workspaceId;
      const workspace = await findPreviewWorkspace(deps.db, ws);
      const { subject, html, text } = previewSurveyEmail(
        unsavedSurveyRow(ws, input.survey, dateOf(deps.clock)),
        workspace,
        input.locale,
      );
      return c.json({ subject, html, text });
    });
  const docs: RouteDoc[] = [
    {
      method: "post",
      path: "/api/v1/surveys/preview",
      summary:
        "The landing page of an unsaved survey as { html }: step score | followup (the follow-up of the given " +
        "score's segment) | thanks, rendered like /r/ and /s/ pages, with a Preview ribbon and a form that submits nowhere",
      tag: "Surveys",
      body: surveyPreviewInput,
      success: 200,
    },
    {
      method: "post",
      path: "/api/v1/surveys/preview-email",
      summary:
        "The survey email of an unsaved survey as { subject, html, text }: the campaign template, a sample " +
        "contact (山田 花子 / Alex Smith) and links that lead nowhere",
      tag: "Surveys",
      body: surveyEmailPreviewInput,
      success: 200,
    },
  ];
  return { routes, docs };
}
