// The reports' query: filters, groups, the comparison and the attribute.<key> filters, as the API reads them.
import { z } from "zod";
import { channelSchema, idSchema } from "../fields.ts";
import { dayOrTimeSchema } from "../time-fields.ts";

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

/** A day in the workspace's time zone: YYYY-MM-DD, or an ISO 8601 time whose date part is taken. */
export const reportDay = dayOrTimeSchema.transform((s) => s.slice(0, 10));

export const teamSchema = z.string().trim().min(1).max(200);

/** Contact-attribute filters arrive as `attribute.<key>=<value>` query parameters. */
export const ATTRIBUTE_PREFIX = "attribute.";
export const MAX_ATTRIBUTE_FILTERS = 5;
const MAX_ATTRIBUTE_KEY = 64;

/** The filters every report takes (the response rate too). */
export const reportFilterFields = {
  from: reportDay
    .optional()
    .describe("The first day, in the workspace's time zone (YYYY-MM-DD; of a time, its date is taken)"),
  to: reportDay
    .optional()
    .describe(
      "The last day, included, in the workspace's time zone (YYYY-MM-DD; of a time, its date is taken)",
    ),
  surveyId: idSchema.optional(),
  touchpoint: idSchema.optional().describe("A touchpoint's id"),
  channel: channelSchema.optional(),
  team: teamSchema.optional().describe("Only touchpoints of this team"),
  campaign: idSchema.optional().describe("A campaign's id: answers to (or sends of) its emails"),
};

const fields = z.object({
  ...reportFilterFields,
  company: idSchema
    .optional()
    .describe("A company's id: only responses of its contacts (read from the responses, not the rollups)"),
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
    .optional()
    .describe(`One or two of ${groupDimensions.join(", ")}, comma-separated, e.g. month,touchpoint`),
  compare: z
    .literal("previous")
    .optional()
    .describe(
      "previous: also the period of the same length just before from…to (both needed), and the change",
    ),
});

export interface ReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  surveyId?: string | undefined;
  touchpoint?: string | undefined;
  channel?: z.infer<typeof channelSchema> | undefined;
  team?: string | undefined;
  /** A company's id: only its contacts' responses (from the responses joined to their contacts). */
  company?: string | undefined;
  /** A campaign's id: only answers to its emails (from the responses). */
  campaign?: string | undefined;
  groupBy?: GroupDimension[] | undefined;
  compare?: "previous" | undefined;
  /** Contact attribute → the value it must have (as text); from the attribute rollups or the responses. */
  attributes?: Record<string, string> | undefined;
}

/** Unknown parameters are refused, except `attribute.<key>` (at most five). */
function checkExtraKeys(known: string[]) {
  return (q: Record<string, unknown>, ctx: z.RefinementCtx) => {
    let attributes = 0;
    for (const key of Object.keys(q)) {
      if (known.includes(key)) continue;
      const name = key.startsWith(ATTRIBUTE_PREFIX) ? key.slice(ATTRIBUTE_PREFIX.length) : undefined;
      if (name === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "is not a report parameter (contact attributes are filtered with attribute.<key>=<value>)",
        });
      } else if (name.length < 1 || name.length > MAX_ATTRIBUTE_KEY) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `the key must have 1–${MAX_ATTRIBUTE_KEY} characters`,
        });
      } else if (++attributes > MAX_ATTRIBUTE_FILTERS) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `at most ${MAX_ATTRIBUTE_FILTERS} attribute filters`,
        });
      }
    }
  };
}

/** The `attribute.<key>` parameters of a parsed query as { key: value }, or undefined when there are none. */
export function attributeFilters(extra: Record<string, unknown>): Record<string, string> | undefined {
  const attributes = Object.entries(extra).map(([k, v]) => [k.slice(ATTRIBUTE_PREFIX.length), String(v)]);
  return attributes.length ? Object.fromEntries(attributes) : undefined;
}

/**
 * How the document shows the attribute filters: one property standing for every `attribute.<key>`, which
 * http/contract/document.ts turns into an exploded form object. Sent literally it is the attribute "{key}".
 */
const ATTRIBUTE_PARAMETER = "attribute.{key}" as const;
const attributeValue = z.string().max(200);

/** `fields` plus `attribute.<key>=<value>` parameters (up to five, values up to 200 characters). */
export function withAttributeFilters<T extends z.ZodRawShape>(shape: z.ZodObject<T>, description: string) {
  return shape
    .extend({ [ATTRIBUTE_PARAMETER]: attributeValue.optional().describe(description) })
    .catchall(attributeValue)
    .superRefine(checkExtraKeys(Object.keys(shape.shape)));
}

export const reportQuery = withAttributeFilters(
  fields,
  `Only responses of contacts whose attribute {key} has this value (as text), e.g. attribute.plan=pro; up to ${MAX_ATTRIBUTE_FILTERS}`,
)
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after `to`", path: ["from"] })
  .refine((q) => !q.compare || (q.from && q.to), { message: "needs `from` and `to`", path: ["compare"] })
  .transform((q): ReportQuery => {
    const { from, to, surveyId, touchpoint, channel, team, company, campaign, groupBy, compare, ...extra } =
      q;
    const known: ReportQuery = {
      from,
      to,
      surveyId,
      touchpoint,
      channel,
      team,
      company,
      campaign,
      groupBy,
      compare,
    };
    const out = Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined)) as ReportQuery;
    const attributes = attributeFilters(extra);
    return attributes ? { ...out, attributes } : out;
  });
