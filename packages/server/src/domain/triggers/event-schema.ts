// What an incoming event is: the caller's id (which makes a retry harmless), a type, who it was about,
// where it happened and what else the caller knows.
import { z } from "zod";
import type { DeliveryStatus } from "../../db/schema.ts";
import {
  attributesOut,
  idOut,
  idSchema,
  localeSchema,
  sendMetadataSchema,
  timeOut,
  timeZoneSchema,
} from "../fields.ts";
import { eventTypeSchema } from "./trigger-schema.ts";

/** Kept exactly as sent (no trimming): it is the caller's key, compared byte for byte. */
export const eventIdSchema = z.string().min(1).max(200);

/**
 * Either an existing contact's `id`, or an `email` / `externalId` by which the contact is found (the
 * externalId first) or created. One object rather than a union, so an error names the field at fault.
 */
export const eventContactSchema = z
  .object({
    id: idSchema.optional(),
    email: z
      .string()
      .trim()
      .max(320)
      .toLowerCase()
      .pipe(z.email({ error: "must be an email address" }))
      .optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    locale: localeSchema.optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const details = c.email ?? c.externalId ?? c.name ?? c.locale ?? c.timeZone;
    if (c.id !== undefined && details !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["id"],
        message: "give either id or the contact's details, not both",
      });
    if (c.id === undefined && c.email === undefined && c.externalId === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["email"],
        message: "give the contact's id, email or externalId",
      });
  });
export type EventContact = z.output<typeof eventContactSchema>;

export const eventInput = z
  .object({
    id: eventIdSchema,
    type: eventTypeSchema,
    contact: eventContactSchema,
    touchpointId: idSchema.nullable().optional(),
    metadata: sendMetadataSchema.optional(),
  })
  .strict();
export type EventInput = z.input<typeof eventInput>;

// What the API answers (http/contract/).
const eventSendFields = {
  id: idOut,
  triggerId: idOut,
  dueAt: timeOut.meta({
    description:
      "When the first message is due; the mail worker may still postpone it (quiet hours) or skip it",
  }),
};

export const eventResultSchema = z
  .object({
    eventId: z.string(),
    duplicate: z.boolean().meta({
      description:
        "True when this id was received before: nothing new was created and the first result is returned",
    }),
    sends: z.array(z.object(eventSendFields).meta({ id: "EventSend" })),
  })
  .meta({ id: "EventResult" });
export type EventResult = z.output<typeof eventResultSchema>;
export type EventSend = EventResult["sends"][number];

const deliveryStatuses = [
  "queued",
  "sending",
  "committing",
  "sent",
  "failed",
  "skipped",
] as const satisfies readonly DeliveryStatus[];

export const receivedEventSchema = z
  .object({
    id: z.string().meta({ description: "Your id for the event" }),
    type: z.string(),
    contactId: idOut.nullable(),
    touchpointId: idOut.nullable(),
    metadata: attributesOut,
    receivedAt: timeOut,
    sends: z
      .array(
        z.object({
          ...eventSendFields,
          status: z
            .enum(deliveryStatuses)
            .nullable()
            .meta({ description: "The first message's state on the delivery ledger" }),
          reason: z.string().nullable().meta({ description: "Why it was skipped, if it was" }),
        }),
      )
      .meta({ description: "Each send with its first message's state (skipped messages say why)" }),
  })
  .meta({ id: "Event", description: "An event as received, with the sends it made" });
export type ReceivedEvent = z.output<typeof receivedEventSchema>;
