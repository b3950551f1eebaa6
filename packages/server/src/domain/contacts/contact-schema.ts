import { z } from "zod";
import { attributesSchema, idSchema, localeSchema, timeZoneSchema } from "../fields.ts";

const contactFields = z
  .object({
    email: z.email().max(320).toLowerCase().nullable().optional(),
    name: z.string().trim().max(200).nullable().optional(),
    locale: localeSchema.nullable().optional(),
    timeZone: timeZoneSchema.nullable().optional(),
    externalId: z.string().trim().min(1).max(200).nullable().optional(),
    companyId: idSchema.nullable().optional(),
    attributes: attributesSchema.optional(),
  })
  .strict();
export const contactInput = contactFields.refine((c) => c.email || c.externalId, {
  message: "give an email or an externalId",
  path: ["email"],
});
export const contactPatch = contactFields.partial().strict();

export type ContactInput = z.infer<typeof contactInput>;
export type ContactPatch = z.infer<typeof contactPatch>;

export interface Contact {
  id: string;
  email: string | null;
  name: string | null;
  locale: "ja" | "en" | null;
  timeZone: string | null;
  externalId: string | null;
  companyId: string | null;
  attributes: Record<string, string | number | boolean | null>;
  createdAt: string;
  updatedAt: string;
}
