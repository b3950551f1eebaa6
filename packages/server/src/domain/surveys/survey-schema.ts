import { z } from "zod";
import { idOut, localeSchema, localeTextOut, localeTextSchema, timeOut } from "../fields.ts";
import { segments, segmentsOf, surveyKinds, type SurveyKind } from "../../shared/scales.ts";
import { surveyStatuses } from "../../shared/vocabulary.ts";
import { brandNameSchema } from "../workspaces/brand.ts";

export { surveyStatuses };

const followUpsSchema = z.partialRecord(z.enum(segments), localeTextSchema(1000));

const linkSchema = z.object({
  label: localeTextSchema(100),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
});

/** Landing-page options: a call to action per segment, a review invitation shown to every respondent alike. */
export const surveySettingsSchema = z
  .object({
    /** The survey's own brand (a product's), a plain string or per language; else the workspace's brand. */
    brandName: brandNameSchema.optional(),
    ctas: z.partialRecord(z.enum(segments), linkSchema).optional(),
    reviewInvite: linkSchema.optional(),
    askContactPreference: z.boolean().optional(),
    askTestimonial: z.boolean().optional(),
    // The fatigue rule's N days for this survey's sends; the 24-hour floor applies whatever it says.
    fatigueDays: z.number().int().min(0).max(3650).optional(),
  })
  .strict();

const fields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(surveyKinds),
  question: localeTextSchema(500),
  followUps: followUpsSchema,
  defaultLocale: localeSchema,
  status: z.enum(surveyStatuses),
  settings: surveySettingsSchema,
};

/** Follow-ups are keyed by the segments of the survey's own kind (no "promoter" on a CSAT survey). */
function followUpsFitKind(
  v: { kind?: SurveyKind | undefined; followUps?: object | undefined },
  ctx: z.RefinementCtx,
) {
  if (!v.kind || !v.followUps) return;
  const allowed = segmentsOf(v.kind) as readonly string[];
  for (const key of Object.keys(v.followUps)) {
    if (!allowed.includes(key)) {
      ctx.addIssue({
        code: "custom",
        path: ["followUps", key],
        message: `a ${v.kind} survey has segments ${allowed.join(", ")}`,
      });
    }
  }
}

export const surveyInput = z
  .object({
    ...fields,
    followUps: fields.followUps
      .optional()
      .describe(
        "Left out: the standard follow-up of each segment of the kind, in the question's languages; " +
          "{} for none",
      ),
    defaultLocale: fields.defaultLocale.default("ja"),
    status: fields.status.default("draft"),
    settings: fields.settings.default({}),
  })
  .strict()
  .superRefine(followUpsFitKind);

export const surveyPatch = z.object(fields).partial().strict().superRefine(followUpsFitKind);

export type SurveySettings = z.infer<typeof surveySettingsSchema>;
export type SurveyInput = Omit<z.infer<typeof surveyInput>, "settings"> & { settings?: SurveySettings };
export type SurveyPatch = z.infer<typeof surveyPatch>;

export const surveySchema = z
  .object({
    id: idOut,
    name: z.string(),
    kind: z.enum(surveyKinds),
    question: localeTextOut,
    followUps: z.partialRecord(z.enum(segments), localeTextOut),
    defaultLocale: localeSchema,
    status: z.enum(surveyStatuses),
    // As stored: a brand name given as one string comes back per language.
    settings: surveySettingsSchema.extend({ brandName: localeTextOut.optional() }),
    createdAt: timeOut,
    updatedAt: timeOut,
  })
  .meta({ id: "Survey" });
export type Survey = z.output<typeof surveySchema>;
