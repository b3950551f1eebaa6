import { z } from "zod";
import { channelSchema, idSchema } from "../fields.ts";

export const groupDimensions = [
  "day",
  "week",
  "month",
  "touchpoint",
  "channel",
  "segment",
  "survey",
] as const;
export type GroupDimension = (typeof groupDimensions)[number];

/** A real day PostgreSQL accepts: not 2026-02-30, not year 0. */
const isCalendarDate = (d: string) =>
  d >= "0001" && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d;

const day = z
  .string()
  .max(40)
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && isCalendarDate(s.slice(0, 10)),
    "must be a date (YYYY-MM-DD) or an ISO 8601 time",
  )
  .transform((s) => s.slice(0, 10));

export const reportQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    surveyId: idSchema.optional(),
    touchpoint: idSchema.optional(),
    channel: channelSchema.optional(),
    groupBy: z
      .string()
      .max(100)
      .transform((s) => s.split(",").map((p) => p.trim()))
      .pipe(
        z
          .array(z.enum(groupDimensions))
          .min(1)
          .max(2, "at most two dimensions, e.g. groupBy=month,touchpoint")
          .refine((a) => new Set(a).size === a.length, "a dimension is repeated"),
      )
      .optional(),
    /** `previous`: also the period of the same length just before `from`…`to`, and the change. */
    compare: z.literal("previous").optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after `to`", path: ["from"] })
  .refine((q) => !q.compare || (q.from && q.to), { message: "needs `from` and `to`", path: ["compare"] });

export type ReportQuery = z.infer<typeof reportQuery>;
