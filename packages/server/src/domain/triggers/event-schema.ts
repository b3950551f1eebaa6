// What an incoming event is: the caller's id (which makes a retry harmless), a type, who it was about,
// where it happened and what else the caller knows.
import { z } from "zod";
import { idSchema, localeSchema, timeZoneSchema, sendMetadataSchema } from "../fields.ts";
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

export interface EventSend {
  id: string;
  triggerId: string;
  /** When the first message is due; the mail worker may still postpone it (quiet hours) or skip it. */
  dueAt: string;
}

export interface EventResult {
  eventId: string;
  /** True when this id was received before: nothing new was created and the first result is returned. */
  duplicate: boolean;
  sends: EventSend[];
}

export interface ReceivedEvent {
  id: string;
  type: string;
  contactId: string | null;
  touchpointId: string | null;
  metadata: Record<string, string | number | boolean | null>;
  receivedAt: string;
  /** Each send with its first message's state on the delivery ledger (skipped messages say why). */
  sends: (EventSend & { status: string | null; reason: string | null })[];
}
