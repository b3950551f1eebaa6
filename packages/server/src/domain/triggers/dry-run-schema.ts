// Trying a trigger against a sample event without sending anything: the sample, the unsaved trigger it may
// be tried with, and the verdict (would it make a send, would its email go, and why not).
import { z } from "zod";
import { idOut, timeOut } from "../fields.ts";
import { eventInput } from "./event-schema.ts";
import { triggerInput } from "./trigger-schema.ts";

/** An event as the customer's system would post it, without the id (nothing is stored, so none is needed). */
export const sampleEventSchema = eventInput.omit({ id: true }).meta({ id: "SampleEvent" });
export type SampleEvent = z.output<typeof sampleEventSchema>;

export const storedTriggerDryRunInput = z.object({ event: sampleEventSchema }).strict();

/** A trigger as the editor holds it before saving: the name may still be empty. */
export const triggerDraftSchema = triggerInput.partial({ name: true });
export type TriggerDraft = z.output<typeof triggerDraftSchema>;

export const draftTriggerDryRunInput = z
  .object({ trigger: triggerDraftSchema, event: sampleEventSchema })
  .strict();

/**
 * Why not, in the order they are checked. The first six mean no send is made; a real event with an
 * unknown touchpoint or contact id is refused (422). The rest are why the send's first email would be
 * skipped when due (as the mail worker records on the delivery ledger).
 */
export const dryRunReasonCodes = [
  "event_type",
  "inactive",
  "survey_missing",
  "survey_not_active",
  "condition",
  "event_touchpoint_unknown",
  "contact_unknown",
  "no_email",
  "suppressed",
  "open_case",
  "within_24h",
  "recently_surveyed",
] as const;
export type DryRunReasonCode = (typeof dryRunReasonCodes)[number];

const scalarOut = z.union([z.string(), z.number(), z.boolean()]);
const conditionOut = z.union([
  scalarOut,
  z.object({ in: z.array(scalarOut) }),
  z.object({ gte: z.number().optional(), lte: z.number().optional() }),
]);

export const triggerDryRunSchema = z
  .object({
    fires: z.boolean().meta({ description: "Whether the event would make a send of this trigger" }),
    delivery: z
      .object({
        decision: z.enum(["send", "postpone", "skip"]).meta({
          description: "What the mail worker would do with the first email when due",
        }),
        dueAt: timeOut.meta({ description: "Now plus the trigger's delay" }),
        until: timeOut
          .nullable()
          .meta({ description: "When a postponed email would go instead (end of quiet hours)" }),
      })
      .nullable()
      .meta({ description: "Null when the contact cannot be told (an unknown contact id)" }),
    reasons: z
      .array(
        z.object({
          code: z.enum(dryRunReasonCodes),
          message: z.string(),
          key: z.string().optional().meta({ description: "The failed condition's key" }),
        }),
      )
      .meta({ description: "Everything that stops the send or its email, in the order checked" }),
    conditions: z.array(
      z.object({
        key: z.string(),
        condition: conditionOut,
        value: z
          .union([z.string(), z.number(), z.boolean()])
          .nullable()
          .meta({ description: "The event's value at the key; null when it has none" }),
        holds: z.boolean(),
      }),
    ),
    contact: z.object({
      match: z.enum(["id", "externalId", "email", "new", "unknown"]).meta({
        description: "How the event's contact was found; `new`: none was, and a real event would create one",
      }),
      id: idOut.nullable(),
      email: z.string().nullable(),
      name: z.string().nullable(),
    }),
  })
  .meta({
    id: "TriggerDryRun",
    description: "Whether a trigger would fire for a sample event and why not; nothing was stored or sent",
  });
export type TriggerDryRun = z.output<typeof triggerDryRunSchema>;
