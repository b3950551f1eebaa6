// What the reports answer, for the API contract: NPS, CSAT and CES reports with their groups and the
// previous period, and the response rate. The domain's types (report.ts, response-rate.ts) are checked
// against these where the routes return them.
import { z } from "zod";
import { dayOut } from "../fields.ts";
import { groupDimensions } from "./report-query.ts";

const count = z.number().int();
const interval = z
  .tuple([z.number(), z.number()])
  .nullable()
  .describe("The 95 % interval, low and high; null without answers");
const marginOfError = z.number().nullable().describe("Half the 95 % interval's width; null without answers");

const npsSummary = z.object({
  nps: z.number().nullable().describe("−100…+100; null without answers"),
  n: count,
  promoters: count,
  passives: count,
  detractors: count,
  marginOfError,
  interval,
});
const csatSummary = z.object({
  csat: z.number().nullable().describe("The share of 4s and 5s, %; null without answers"),
  n: count,
  happy: count,
  neutral: count,
  unhappy: count,
  marginOfError,
  interval,
});
const cesSummary = z.object({
  ces: z.number().nullable().describe("The mean score, 1–7; null without answers"),
  n: count,
  agreeShare: z.number().nullable().describe("The share of scores ≥ 5, %; null without answers"),
  happy: count,
  neutral: count,
  unhappy: count,
  marginOfError,
  interval,
});

export const npsChangeSchema = z
  .object({
    delta: z.number().describe("NPS after − NPS before, in points"),
    standardError: z.number().describe("√(SE₁² + SE₂²), in points"),
    threshold: z.number().describe("1.96 · standardError: |delta| must exceed it to count as a real change"),
    significant: z.boolean(),
  })
  .meta({ id: "NpsChange" });

const groupOf = <Shape extends z.ZodRawShape>(summary: z.ZodObject<Shape, z.core.$strip>) =>
  summary.extend({
    key: z.string().describe("The group's keys joined with |, in groupBy's order"),
    keys: z
      .partialRecord(z.enum(groupDimensions), z.string())
      .describe(
        "Each groupBy dimension's value: a day, a week's Monday, YYYY-MM, an id, a channel or a segment",
      ),
    label: z.string().optional().describe("The touchpoint's name, when grouped by touchpoint"),
  });

const reportOf = <K extends string, Shape extends z.ZodRawShape>(
  kind: K,
  summary: z.ZodObject<Shape, z.core.$strip>,
  id: string,
) =>
  summary
    .extend({
      kind: z.literal(kind),
      from: dayOut.nullable(),
      to: dayOut.nullable(),
      groups: z
        .array(groupOf(summary))
        .optional()
        .describe("With groupBy: one entry per group, in key order"),
      previous: summary
        .extend({ kind: z.literal(kind), from: dayOut, to: dayOut })
        .optional()
        .describe("With compare=previous: the period of the same length just before"),
      change: npsChangeSchema
        .nullable()
        .optional()
        .describe(
          "With compare=previous: the NPS change and whether it is significant (null for CSAT and CES)",
        ),
    })
    .meta({ id });

export const reportSchemas = {
  nps: reportOf("nps", npsSummary, "NpsReport"),
  csat: reportOf("csat", csatSummary, "CsatReport"),
  ces: reportOf("ces", cesSummary, "CesReport"),
};

export const responseRateSchema = z
  .object({
    sends: count.describe("Sends created in the period matching the filters (test sends left out)"),
    responded: count.describe("Of them, those with a response"),
    rate: z.number().nullable().describe("responded / sends as a share 0–1; null without sends"),
    interval: interval.describe("The 95 % Wilson interval as shares; null without sends"),
  })
  .meta({ id: "ResponseRate" });
