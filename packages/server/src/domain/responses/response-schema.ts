import { z } from "zod";
import { attributesSchema, channelSchema, idSchema, localeSchema } from "../fields.ts";
import { dateTimeSchema } from "../time-fields.ts";

export const responseSources = ["email", "link", "widget", "api", "import"] as const;
export const MAX_COMMENT = 5000;
export const MAX_BATCH = 10_000;

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
    /** When the answer was given: set it when importing history from another tool. */
    createdAt: dateTimeSchema
      .refine((t) => Date.parse(t) <= Date.now() + 5 * 60_000, "must not be in the future")
      .refine((t) => Date.parse(t) >= Date.parse("2000-01-01T00:00:00Z"), "must be after 2000-01-01")
      .optional(),
  })
  .strict();

export type ResponseInput = z.infer<typeof responseInput>;
/** A row as `responseInput` accepts it (source may be left out). */
export type ResponseInputRow = z.input<typeof responseInput>;

export interface Response {
  id: string;
  surveyId: string;
  contactId: string | null;
  touchpointId: string | null;
  channel: string;
  score: number;
  segment: string;
  comment: string | null;
  /** A detractor's answer to "may we contact you?": email, phone, none, or null when not asked. */
  contactPreference: "email" | "phone" | "none" | null;
  locale: "ja" | "en" | null;
  metadata: Record<string, string | number | boolean | null>;
  source: (typeof responseSources)[number];
  createdAt: string;
}

export interface RowError {
  index: number;
  path: string;
  message: string;
}

export interface ImportResult {
  inserted: number;
  ids: string[];
  errors: RowError[];
}
