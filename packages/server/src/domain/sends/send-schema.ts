import { z } from "zod";
import { channelSchema, idSchema, sendMetadataSchema } from "../fields.ts";

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

export interface Send {
  id: string;
  surveyId: string;
  contactId: string | null;
  touchpointId: string | null;
  channel: string;
  metadata: Record<string, string | number | boolean | null>;
  expiresAt: string;
  createdAt: string;
  /** The personal link, and one link per score that preselects it (for the buttons in an email). */
  url: string;
  scoreUrls: string[];
}

/** Links need the server's secret and public address; the domain gets them handed in. */
export interface LinkSigner {
  secret: string;
  baseUrl: string;
}
