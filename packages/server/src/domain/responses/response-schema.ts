// A response as the API takes it (one, or a batch of up to MAX_BATCH) and as it answers it.
import { z } from "zod";
import { segments } from "../../shared/scales.ts";
import {
  attributesOut,
  attributesSchema,
  channels,
  channelSchema,
  idOut,
  idSchema,
  locales,
  localeSchema,
  pageOf,
  timeOut,
} from "../fields.ts";
import { dateTimeSchema } from "../time-fields.ts";

export const responseSources = ["email", "link", "widget", "api", "import"] as const;
export const MAX_COMMENT = 5000;
export const MAX_BATCH = 10_000;
/** How far ahead of the clock a createdAt may be (a sender's clock running fast), checked on import. */
export const FUTURE_SLACK_MS = 5 * 60_000;

export const responseInput = z
  .object({
    surveyId: idSchema,
    score: z.number().int(),
    contactId: idSchema.nullable().optional(),
    touchpointId: idSchema.nullable().optional(),
    channel: channelSchema.optional(),
    comment: z.string().max(MAX_COMMENT).nullable().optional(),
    locale: localeSchema.nullable().optional(),
    metadata: attributesSchema.optional(),
    source: z.enum(responseSources).default("api"),
    /**
     * When the answer was given: set it when importing history from another tool. Not in the future: that
     * is checked against the clock where the rows are stored (importResponses), not here, where no clock is.
     */
    createdAt: dateTimeSchema
      .refine((t) => Date.parse(t) >= Date.parse("2000-01-01T00:00:00Z"), "must be after 2000-01-01")
      .optional(),
  })
  .strict()
  // Named for the document: NewResponseInput (http/contract/document.ts adds "Input" to request schemas).
  .meta({ id: "NewResponse" });

export type ResponseInput = z.infer<typeof responseInput>;
/** A row as `responseInput` accepts it (source may be left out). */
export type ResponseInputRow = z.input<typeof responseInput>;

export const responseSchema = z
  .object({
    id: idOut,
    surveyId: idOut,
    contactId: idOut.nullable(),
    touchpointId: idOut.nullable(),
    channel: z.enum(channels),
    score: z.number().int(),
    segment: z.enum(segments),
    comment: z.string().nullable(),
    contactPreference: z
      .enum(["email", "phone", "none"])
      .nullable()
      .describe('A detractor\'s answer to "may we contact you?"; null when not asked'),
    testimonialConsentText: z
      .string()
      .nullable()
      .describe("A promoter's consent to be quoted, word for word as they agreed to it; null: no consent"),
    testimonialConsentAt: timeOut.nullable().describe("When that consent was given"),
    locale: z.enum(locales).nullable(),
    metadata: attributesOut,
    source: z.enum(responseSources),
    createdAt: timeOut,
  })
  .meta({ id: "Response" });
export type Response = z.output<typeof responseSchema>;

/** With `include=contact`: who answered and where, for a feed that shows names rather than ids. */
export const responseWithContextSchema = responseSchema
  .extend({
    contact: z
      .object({
        id: idOut,
        name: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        company: z.object({ id: idOut, name: z.string() }).nullable(),
      })
      .nullable(),
    touchpoint: z.object({ id: idOut, name: z.string() }).nullable(),
  })
  .meta({ id: "ResponseWithContext" });
export type ResponseWithContext = z.output<typeof responseWithContextSchema>;

/** The feed's page: items with their contact and touchpoint when asked for with include=contact. */
export const responsePageSchema = pageOf(
  z.union([responseWithContextSchema, responseSchema]),
  "ResponsePage",
);

/** A batch's answer: the rows stored, and each invalid row's errors by its index in the batch. */
export const importResultSchema = z
  .object({
    inserted: z.number().int().describe("How many rows were stored"),
    ids: z.array(idOut).describe("The stored responses' ids, in the order of their rows"),
    errors: z
      .array(z.object({ index: z.number().int(), path: z.string(), message: z.string() }))
      .describe("Each error of an invalid row, by the row's index in the batch (those rows were not stored)"),
  })
  .meta({ id: "ResponseImport" });
export type ImportResult = z.output<typeof importResultSchema>;
export type RowError = ImportResult["errors"][number];
