import { z } from "zod";
import type { CampaignStatus } from "../../db/schema.ts";
import { idSchema } from "../fields.ts";
import { dateTimeSchema } from "../time-fields.ts";

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

/** Queued messages waiting for a reason, e.g. { reason: "quiet_hours", count: 5, until: "…" }. */
export interface HeldMessages {
  /** quiet_hours, retry (a temporary SMTP error), another_survey_first, campaign_paused. */
  reason: string;
  count: number;
  /** When the last of them is due; null while the campaign is paused. */
  until: string | null;
}

/** What will become of the messages still queued, as far as is known now. */
export interface MessageOutlook {
  /** Queued messages that will go out when due (held ones included). */
  queued: number;
  /** Of `queued`, those waiting for a reason, largest group first. */
  held: HeldMessages[];
  /** Queued messages that will be skipped when due, e.g. the person answered or unsubscribed. */
  willSkip: number;
  /** Why, e.g. { responded: 56, suppressed: 1 }: the rule the worker will apply. */
  willSkipBy: Record<string, number>;
}

export interface CampaignProgress extends MessageOutlook {
  /** Contacts queued so far in the current round (the audience expands in chunks). */
  recipients: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Why messages were skipped, e.g. { recently_surveyed: 120, suppressed: 3 }. */
  skippedBy: Record<string, number>;
  /**
   * Counted in `sent`: messages whose end of data may have gone out when a worker died, taken as sent
   * rather than risk a second copy (at most once). The server may or may not have accepted them.
   */
  reconciled: number;
  /**
   * Reminder messages of this round (made when a first message goes out: one per reminder step). `queued`
   * counts only those that will really go; `nextAt` is when the next of them is due.
   */
  reminders: MessageOutlook & {
    nextAt: string | null;
    sending: number;
    sent: number;
    failed: number;
    skipped: number;
    skippedBy: Record<string, number>;
  };
  expanded: boolean;
}

export interface Campaign {
  id: string;
  name: string;
  surveyId: string;
  touchpointId: string | null;
  audience: Audience;
  schedule: Schedule;
  reminders: { count: number; afterDays: number };
  status: CampaignStatus;
  round: number;
  nextRunAt: string | null;
  launchedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
