// The sent-mail log's API shapes: every message on the delivery ledger with what became of it, its
// rendered copy when one was kept, the list's filters, and the transport in use.
import { z } from "zod";
import { idOut, idSchema, pageSchema, timeOut } from "../fields.ts";
import { dateTimeSchema } from "../time-fields.ts";

/**
 * What the log says of a message. `sending` covers the ledger's sending and committing; `bounced` and
 * `complained` are a provider's later report on a sent message (the suppression webhook).
 */
export const mailStatuses = [
  "queued",
  "sending",
  "sent",
  "failed",
  "skipped",
  "bounced",
  "complained",
] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const mailLogQuery = pageSchema
  .extend({
    status: z.enum(mailStatuses).optional(),
    campaign: idSchema.optional().meta({ description: "Only this campaign's messages (its test sends too)" }),
    survey: idSchema.optional().meta({ description: "Only this survey's messages" }),
    q: z
      .string()
      .trim()
      .max(320)
      .optional()
      .meta({ description: "Part of the recipient's address or the contact's name" }),
    since: dateTimeSchema.optional().meta({ description: "Sent (or, not sent yet, queued) at or after" }),
    until: dateTimeSchema.optional().meta({ description: "Sent (or queued) before" }),
  })
  .strict();
export type MailLogQuery = z.output<typeof mailLogQuery>;

const named = z.object({ id: idOut, name: z.string() });

export const mailLogEntrySchema = z
  .object({
    id: idOut.meta({ description: "The message's id on the delivery ledger" }),
    messageId: z.string().meta({ description: "The Message-ID header, e.g. <…@koe.example>" }),
    status: z.enum(mailStatuses),
    to: z.string().nullable().meta({ description: "The recipient's address (null: the contact has none)" }),
    contact: named.extend({ name: z.string().nullable() }).nullable(),
    survey: named,
    campaign: named.nullable(),
    test: z.boolean().meta({ description: "A campaign's test send" }),
    step: z.number().int().meta({ description: "0: the first message; 1 and 2: reminders" }),
    subject: z.string().nullable().meta({ description: "Null until the message is rendered and kept" }),
    transport: z
      .enum(["smtp", "outbox"])
      .nullable()
      .meta({ description: "Which transport took it; null before it was handed to one" }),
    reason: z
      .string()
      .nullable()
      .meta({ description: "Why it was skipped or is waiting (quiet_hours, responded, retry, …)" }),
    error: z
      .string()
      .nullable()
      .meta({ description: "The server's reply when it failed (or, queued again, the last attempt's)" }),
    outcomeAt: timeOut.nullable().meta({ description: "When a bounce or complaint was reported" }),
    outcomeSource: z.string().nullable().meta({ description: "Who reported it, e.g. webhook:ses" }),
    createdAt: timeOut,
    dueAt: timeOut,
    sentAt: timeOut.nullable(),
    kept: z.boolean().meta({ description: "Whether its rendered message is kept (HTML and text)" }),
  })
  .meta({ id: "SentMail", description: "One message on the delivery ledger, as the sent-mail log shows it" });
export type MailLogEntry = z.output<typeof mailLogEntrySchema>;

export const mailLogDetailSchema = mailLogEntrySchema
  .extend({
    text: z.string().nullable().meta({ description: "The plain-text part, when kept" }),
    headers: z.record(z.string(), z.string()).nullable(),
  })
  .meta({ id: "SentMailDetail", description: "One message of the sent-mail log with its rendered text" });
export type MailLogDetail = z.output<typeof mailLogDetailSchema>;

export const mailTransportSchema = z
  .object({
    transport: z.enum(["smtp", "outbox"]),
    server: z
      .string()
      .nullable()
      .meta({ description: "SMTP: scheme, host and port, without credentials; null for the outbox" }),
  })
  .meta({ id: "MailTransport", description: "How this server's mail leaves" });
export type MailTransport = z.output<typeof mailTransportSchema>;
