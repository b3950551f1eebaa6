// The filters of the responses feed and its CSV export.
import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { channelSchema, idSchema, pageSchema } from "../fields.ts";
import { dayOrTimeSchema, isDateTime } from "../time-fields.ts";
import { responseSources } from "./response-schema.ts";

const score = z.coerce.number().int().min(0).max(10);

const fields = {
  surveyId: idSchema.optional(),
  touchpointId: idSchema.optional(),
  contactId: idSchema.optional(),
  campaignId: idSchema.optional().describe("Answers to this campaign's emails (its reminders too)"),
  channel: channelSchema.optional(),
  segment: z.enum(["detractor", "passive", "promoter", "unhappy", "neutral", "happy"]).optional(),
  source: z.enum(responseSources).optional(),
  from: dayOrTimeSchema
    .optional()
    .describe("A day (YYYY-MM-DD: from its start in the workspace's time zone) or an ISO 8601 time"),
  to: dayOrTimeSchema
    .optional()
    .describe("A day (YYYY-MM-DD: to its end in the workspace's time zone, included) or an ISO 8601 time"),
  team: z.string().trim().min(1).max(200).optional().describe("Responses at touchpoints of this team"),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("A part of the comment, in any case, taken literally (% and _ are plain characters)"),
  scoreMin: score.optional().describe("The lowest score kept"),
  scoreMax: score.optional().describe("The highest score kept"),
  contactPreference: z
    .enum(["phone", "email", "any", "none"])
    .optional()
    .describe(
      "Who asked to be contacted: by phone, by email, either (any), or who asked for no contact (none)",
    ),
  testimonial: z
    .enum(["true", "false"])
    .optional()
    .describe("true: only answers whose author consented to be quoted; false: only those without consent"),
};

const scoresInOrder = {
  check: (f: { scoreMin?: number | undefined; scoreMax?: number | undefined }) =>
    f.scoreMin === undefined || f.scoreMax === undefined || f.scoreMin <= f.scoreMax,
  message: { message: "must not be above scoreMax", path: ["scoreMin"] },
};

/** The feed: filters, paging, and `include=contact` for the contact's and touchpoint's names. */
export const responseFilter = pageSchema
  .extend({ ...fields, include: z.enum(["contact"]).optional() })
  .strict()
  .refine(scoresInOrder.check, scoresInOrder.message);
export type ResponseFilter = z.infer<typeof responseFilter>;

/** The export: the same filters, every matching row. */
export const responseExportFilter = z
  .object(fields)
  .strict()
  .refine(scoresInOrder.check, scoresInOrder.message);
export type ResponseConditions = z.infer<typeof responseExportFilter>;

/** Newest first: the keyset is (created_at, id), since imported history has old times but new ids. */
export type ResponseKey = [createdAt: string, id: string];

/** `createdKey`: the row's time as ISO text to the microsecond (`created_key` of the rows' query). */
export const encodeCursor = (createdKey: string, id: string): string =>
  Buffer.from(JSON.stringify([createdKey, id])).toString("base64url");

export function decodeCursor(cursor: string): ResponseKey {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
    if (typeof t === "string" && typeof id === "string" && idSchema.safeParse(id).success && isDateTime(t))
      return [t, id];
  } catch {
    /* fall through */
  }
  throw new ValidationError([{ path: "cursor", message: "is not a cursor from this list" }]);
}
