// What the survey editor's live preview sends: the survey as being edited (unsaved), the locale, and the
// step of the page to show. The survey is turned into the row the page renderers take.
import { z } from "zod";
import { followUpsOrDefaults } from "./default-follow-ups.ts";
import type { Db } from "../../db/open.ts";
import type { SurveyRow } from "../../db/schema.ts";
import { NotFoundError } from "../errors.ts";
import { localeSchema } from "../fields.ts";
import { scaleOf } from "../scores/scales.ts";
import { surveyInput } from "./survey-schema.ts";

export const previewSteps = ["score", "followup", "thanks"] as const;
export type PreviewStep = (typeof previewSteps)[number];

const UNSAVED_ID = "00000000-0000-0000-0000-000000000000";

export const surveyPreviewInput = z
  .object({
    survey: surveyInput,
    locale: localeSchema,
    step: z.enum(previewSteps),
    /** The score chosen on the first step: decides the follow-up and thank-you page shown. */
    score: z.number().int().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const { min, max } = scaleOf(v.survey.kind);
    if (v.score === undefined) {
      if (v.step !== "score") {
        ctx.addIssue({ code: "custom", path: ["score"], message: `the ${v.step} step needs a score` });
      }
    } else if (v.score < min || v.score > max) {
      ctx.addIssue({
        code: "custom",
        path: ["score"],
        message: `a ${v.survey.kind} score is from ${min} to ${max}`,
      });
    }
  });

export const surveyEmailPreviewInput = z.object({ survey: surveyInput, locale: localeSchema }).strict();

/** The landing page of a step, as HTML to show in a frame. */
export const surveyPreviewSchema = z
  .object({
    html: z.string().describe("The whole page, with a Preview ribbon and a form that submits nowhere"),
  })
  .meta({ id: "SurveyPreview" });

/** The survey email, as a sample contact would get it. */
export const surveyEmailPreviewSchema = z
  .object({ subject: z.string(), html: z.string(), text: z.string() })
  .meta({ id: "SurveyEmailPreview" });

export type UnsavedSurvey = z.output<typeof surveyInput>;

/** The survey as a row, as if it were stored (nil id, `now`, the clock's time, as its times). */
export function unsavedSurveyRow(workspaceId: string, s: UnsavedSurvey, now: Date): SurveyRow {
  return {
    workspace_id: workspaceId,
    id: UNSAVED_ID,
    name: s.name,
    kind: s.kind,
    question: s.question,
    follow_ups: followUpsOrDefaults(s),
    default_locale: s.defaultLocale,
    status: s.status,
    settings: s.settings,
    created_at: now,
    updated_at: now,
  };
}

/** What a preview shows of its workspace: the name (the default brand) and the brand and sender settings. */
export async function findPreviewWorkspace(db: Db, workspaceId: string) {
  const row = await db
    .selectFrom("workspaces")
    .select(["name", "time_zone", "default_locale", "settings"])
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`workspace ${workspaceId} not found`);
  return {
    name: row.name,
    timeZone: row.time_zone,
    defaultLocale: row.default_locale,
    settings: row.settings,
  };
}
