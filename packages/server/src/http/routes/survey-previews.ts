// The survey editor's live preview (admins): the survey's landing page for a step, and its email, for
// the survey as being edited, before it is saved. Nothing is stored and nothing can be answered.
import { dateOf } from "../../clock.ts";
import { previewSurveyEmail } from "../../channels/email/survey-email-preview.ts";
import { canEditSurveys } from "../../domain/auth/permissions.ts";
import {
  findPreviewWorkspace,
  surveyEmailPreviewInput,
  surveyEmailPreviewSchema,
  surveyPreviewInput,
  surveyPreviewSchema,
  unsavedSurveyRow,
} from "../../domain/surveys/survey-preview.ts";
import { resolveBrands } from "../../domain/workspaces/brand.ts";
import { surveyPreviewPage } from "../../pages/survey-preview.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/surveys";

export function surveyPreviewRoutes(deps: AppDeps) {
  return contractRoutes(base, [
    route(
      operation({
        operationId: "previewSurveyPage",
        method: "post",
        path: `${base}/preview`,
        summary: "The landing page of an unsaved survey, for the editor's preview",
        description:
          "Step score | followup (the follow-up of the given score's segment) | thanks, rendered like /r/ and /s/ " +
          "pages, with a Preview ribbon and a form that submits nowhere. Nothing is stored.",
        tag: "Surveys",
        body: surveyPreviewInput,
        access: { allowed: canEditSurveys, to: "preview surveys" },
        success: { status: 200, schema: surveyPreviewSchema },
      }),
      async (c, { body: input }) => {
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
        return { html: page.toString() };
      },
    ),
    route(
      operation({
        operationId: "previewSurveyEmail",
        method: "post",
        path: `${base}/preview-email`,
        summary: "The survey email of an unsaved survey, for the editor's preview",
        description:
          "The campaign template, a sample contact (山田 花子 / Alex Smith) and links that lead nowhere. " +
          "Nothing is stored or sent.",
        tag: "Surveys",
        body: surveyEmailPreviewInput,
        access: { allowed: canEditSurveys, to: "preview surveys" },
        success: { status: 200, schema: surveyEmailPreviewSchema },
      }),
      async (c, { body: input }) => {
        const ws = c.var.actor.workspaceId;
        const workspace = await findPreviewWorkspace(deps.db, ws);
        const { subject, html, text } = previewSurveyEmail(
          unsavedSurveyRow(ws, input.survey, dateOf(deps.clock)),
          workspace,
          input.locale,
        );
        return { subject, html, text };
      },
    ),
  ]);
}
