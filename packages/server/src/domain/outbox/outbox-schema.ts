// The outbox's API shapes: the list's query and a kept message as the API answers it.
import { z } from "zod";
import { idOut, pageSchema, timeOut } from "../fields.ts";

export const outboxQuery = pageSchema.extend({
  to: z.email().max(320).optional().meta({ description: "Only messages to this address" }),
});

export const outboxMessageSchema = z
  .object({
    id: idOut,
    messageId: z.string().meta({ description: "The Message-ID header, e.g. <…@koe.example>" }),
    to: z.string(),
    subject: z.string(),
    text: z.string().meta({ description: "The plain-text part" }),
    headers: z.record(z.string(), z.string()),
    createdAt: timeOut,
  })
  .meta({ id: "OutboxMessage", description: "A message kept instead of sent (no SMTP server configured)" });
export type OutboxMessage = z.output<typeof outboxMessageSchema>;
