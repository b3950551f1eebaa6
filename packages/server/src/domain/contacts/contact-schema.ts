import { z } from "zod";
import {
  attributesOut,
  attributesSchema,
  idOut,
  idSchema,
  localeSchema,
  pageSchema,
  timeOut,
  timeZoneSchema,
} from "../fields.ts";

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

/** The contact list: cursor paging, and q matching name, email or external id (any part, any case). */
export const contactListQuery = pageSchema.extend({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe("only contacts whose name, email or external id contains this text, in any case"),
});

export type ContactListQuery = z.infer<typeof contactListQuery>;
export type ContactInput = z.infer<typeof contactInput>;
export type ContactPatch = z.infer<typeof contactPatch>;

export const contactSchema = z
  .object({
    id: idOut,
    email: z.string().nullable(),
    name: z.string().nullable(),
    locale: localeSchema.nullable(),
    timeZone: z.string().nullable(),
    externalId: z.string().nullable(),
    companyId: idOut.nullable(),
    attributes: attributesOut,
    createdAt: timeOut,
    updatedAt: timeOut,
  })
  .meta({ id: "Contact" });
export type Contact = z.output<typeof contactSchema>;
