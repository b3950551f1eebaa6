// A send (one survey to one contact, with its personal link) as the API takes it and answers it.
import { z } from "zod";
import { intentReasons, intentVerdicts } from "../../shared/vocabulary.ts";
import {
  attributesOut,
  channels,
  channelSchema,
  idOut,
  idSchema,
  sendMetadataSchema,
  timeOut,
} from "../fields.ts";

export const sendInput = z
  .object({
    surveyId: idSchema,
    contactId: idSchema.nullable().optional(),
    touchpointId: idSchema.nullable().optional(),
    channel: channelSchema.default("email"),
    metadata: sendMetadataSchema.optional(),
    /** Days the personal link stays valid. */
    expiresInDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();
export type SendInput = z.input<typeof sendInput>;

/** A score click on a send's link: an intent, never an answer by itself (docs/SCANNERS.md). */
export const intentSchema = z
  .object({
    id: idOut,
    score: z.number().int(),
    verdict: z.enum(intentVerdicts),
    reason: z.enum(intentReasons).nullable().describe("Why it got its verdict; null for a person's click"),
    userAgent: z.string().nullable(),
    createdAt: timeOut,
  })
  .meta({ id: "Intent" });
export type Intent = z.output<typeof intentSchema>;

export const sendSchema = z
  .object({
    id: idOut,
    surveyId: idOut,
    contactId: idOut.nullable(),
    touchpointId: idOut.nullable(),
    channel: z.enum(channels),
    metadata: attributesOut,
    expiresAt: timeOut.describe("When the personal link stops working"),
    createdAt: timeOut,
    url: z.string().meta({ format: "uri" }).describe("The personal link"),
    scoreUrls: z
      .array(z.string().meta({ format: "uri" }))
      .describe("One link per score, lowest first, that preselects it (for the buttons in an email)"),
  })
  .meta({ id: "Send" });
export type Send = z.output<typeof sendSchema>;

/** A send with the audit trail of its score clicks, oldest first. */
export const sendWithIntentsSchema = sendSchema
  .extend({ intents: z.array(intentSchema) })
  .meta({ id: "SendWithIntents" });

/** An accepted click: the response it became. */
export const acceptedIntentSchema = z.object({ responseId: idOut }).meta({ id: "AcceptedIntent" });

/** Links need the server's secret and public address; the domain gets them handed in. */
export interface LinkSigner {
  secret: string;
  baseUrl: string;
}
