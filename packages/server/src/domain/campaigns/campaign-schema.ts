import { z } from "zod";
import type { CampaignStatus } from "../../db/schema.ts";
import { idOut, idSchema, localeSchema, timeOut } from "../fields.ts";
import { dateTimeSchema } from "../time-fields.ts";
import { launchWarningSchema } from "./launch-warnings.ts";

/** Who receives it: every contact with an email, a saved attribute filter, a list of ids, or an uploaded CSV. */
export const audienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }).strict(),
  z
    .object({
      kind: z.literal("filter"),
      attributes: z.record(
        z.string().min(1).max(64),
        z.union([z.string().max(1000), z.number(), z.boolean()]),
      ),
      locale: z.enum(["ja", "en"]).optional(),
    })
    .strict(),
  z.object({ kind: z.literal("ids"), contactIds: z.array(idSchema).min(1).max(100_000) }).strict(),
  // The contacts come from POST /campaigns/:id/audience (text/csv).
  z.object({ kind: z.literal("csv") }).strict(),
]);
export type Audience = z.infer<typeof audienceSchema>;

/** When: now, at a time, or a round every N days (relationship NPS; each contact once per round). */
export const scheduleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("now") }).strict(),
  z.object({ kind: z.literal("at"), at: dateTimeSchema }).strict(),
  z
    .object({
      kind: z.literal("recurring"),
      everyDays: z.number().int().min(1).max(3650),
      startAt: dateTimeSchema.optional(),
    })
    .strict(),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

export const remindersSchema = z
  .object({ count: z.number().int().min(0).max(2), afterDays: z.number().int().min(1).max(30).default(3) })
  .strict();

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  surveyId: idSchema,
  touchpointId: idSchema.nullable().optional(),
  audience: audienceSchema,
};

export const campaignInput = z
  .object({
    ...campaignFields,
    schedule: scheduleSchema.default({ kind: "now" }),
    reminders: remindersSchema.default({ count: 0, afterDays: 3 }),
  })
  .strict();
export type CampaignInput = z.input<typeof campaignInput>;

// Without defaults: a patch that leaves out the schedule must not reset it (zod fills defaults in partials).
export const campaignPatch = z
  .object({ ...campaignFields, schedule: scheduleSchema, reminders: remindersSchema })
  .partial()
  .strict();

// What the API answers (http/contract/): plain strings with a format, not the request-side validators.

/** Queued messages waiting for a reason, e.g. { reason: "quiet_hours", count: 5, until: "…" }. */
export const heldMessagesSchema = z
  .object({
    reason: z.string().meta({
      description: "quiet_hours, retry (a temporary SMTP error), another_survey_first, campaign_paused",
    }),
    count: z.number().int(),
    until: timeOut
      .nullable()
      .meta({ description: "When the last of them is due; null while the campaign is paused" }),
  })
  .meta({ id: "HeldMessages" });
export type HeldMessages = z.output<typeof heldMessagesSchema>;

const counts = z.record(z.string(), z.number().int());

/** What will become of the messages still queued, as far as is known now. */
const outlookFields = {
  queued: z
    .number()
    .int()
    .meta({ description: "Queued messages that will go out when due (held ones included)" }),
  held: z
    .array(heldMessagesSchema)
    .meta({ description: "Of `queued`, those waiting for a reason, largest group first" }),
  willSkip: z.number().int().meta({ description: "Queued messages that will be skipped when due" }),
  willSkipBy: counts.meta({
    description: "Why, e.g. { responded: 56, suppressed: 1 }: the rule the worker will apply",
  }),
};
export type MessageOutlook = z.output<z.ZodObject<typeof outlookFields>>;

const stateFields = {
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  skippedBy: counts.meta({
    description: "Why messages were skipped, e.g. { recently_surveyed: 120, suppressed: 3 }",
  }),
};

export const campaignProgressSchema = z
  .object({
    ...outlookFields,
    ...stateFields,
    recipients: z
      .number()
      .int()
      .meta({ description: "Contacts queued so far in the current round (the audience expands in chunks)" }),
    reconciled: z.number().int().meta({
      description:
        "Counted in `sent`: messages whose end of data may have gone out when a worker died, taken as sent rather than risk a second copy (at most once)",
    }),
    reminders: z
      .object({
        ...outlookFields,
        ...stateFields,
        nextAt: timeOut.nullable().meta({ description: "When the next reminder that will really go is due" }),
      })
      .meta({
        description:
          "Reminder messages of this round (one per reminder step, made when a first message goes out)",
      }),
    expanded: z.boolean().meta({ description: "Whether the round's whole audience has been queued" }),
  })
  .meta({ id: "CampaignProgress" });
export type CampaignProgress = z.output<typeof campaignProgressSchema>;

const audienceOut = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({
    kind: z.literal("filter"),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    locale: localeSchema.optional(),
  }),
  z.object({ kind: z.literal("ids"), contactIds: z.array(idOut) }),
  z.object({ kind: z.literal("csv") }),
]);

const scheduleOut = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("now") }),
  z.object({ kind: z.literal("at"), at: timeOut }),
  z.object({ kind: z.literal("recurring"), everyDays: z.number().int(), startAt: timeOut.optional() }),
]);

export const campaignStatuses = [
  "draft",
  "scheduled",
  "running",
  "paused",
  "cancelled",
  "done",
] as const satisfies readonly CampaignStatus[];

export const campaignSchema = z
  .object({
    id: idOut,
    name: z.string(),
    surveyId: idOut,
    touchpointId: idOut.nullable(),
    audience: audienceOut,
    schedule: scheduleOut,
    reminders: z.object({ count: z.number().int(), afterDays: z.number().int() }),
    status: z.enum(campaignStatuses),
    round: z.number().int(),
    nextRunAt: timeOut.nullable(),
    launchedAt: timeOut.nullable(),
    createdAt: timeOut,
    updatedAt: timeOut,
  })
  .meta({ id: "Campaign" });
export type Campaign = z.output<typeof campaignSchema>;

/** One campaign with where its current round stands, and what launching it now would warn about. */
export const campaignDetailSchema = campaignSchema
  .extend({
    progress: campaignProgressSchema,
    launchWarnings: z.array(launchWarningSchema).meta({
      description: "What a launch now would warn about (the launch answers the same as `warnings`)",
    }),
  })
  .meta({ id: "CampaignWithProgress" });

/** What an uploaded audience CSV did. */
export const audienceUploadSchema = z
  .object({
    added: z.number().int().meta({ description: "Contacts added to the campaign's audience by this upload" }),
    encoding: z.string().meta({
      description: "How the file was read: utf-8, utf-16le, utf-16be, cp932 or the declared charset",
    }),
    errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
    duplicates: z
      .array(z.object({ line: z.number().int(), email: z.string(), firstLine: z.number().int() }))
      .meta({
        description:
          "Rows left out because an earlier row has the same address (compared trimmed, in any case)",
      }),
  })
  .meta({ id: "AudienceUpload" });

/** The campaign's email as one contact would get it. */
export const campaignPreviewSchema = z
  .object({
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    from: z
      .object({ name: z.string(), address: z.string() })
      .meta({ description: "The sender as the email names it" }),
    to: z.string(),
  })
  .meta({ id: "CampaignPreview" });

export const testSendSchema = z
  .object({
    messageId: z.string(),
    to: z.string(),
    transport: z.enum(["smtp", "outbox"]).meta({ description: "The mailer that sent it" }),
  })
  .meta({ id: "TestSend" });
