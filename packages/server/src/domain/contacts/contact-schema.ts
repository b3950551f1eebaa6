// A contact's input, patch, list query and answer schemas, with the phone and tag rules.
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

export const MAX_PHONE = 40;
export const MAX_TAG = 50;
export const MAX_TAGS = 50;

// Digits, spaces and the signs people write numbers with (+81 (3) 1234-5678, 03.1234.5678, ext. / x / # for an
// extension). Full-width digits and signs typed on a Japanese keyboard are folded to ASCII first (NFKC).
const PHONE_CHARS = /^[0-9+()\-./ #*extEXT]+$/;

/** A phone number as people write it; blank clears it. */
export const phoneSchema = z
  .string()
  .max(200)
  .transform((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
  .pipe(
    z.union([
      z.literal("").transform(() => null),
      z
        .string()
        .max(MAX_PHONE, { error: `at most ${MAX_PHONE} characters` })
        .regex(PHONE_CHARS, { error: "may hold only digits, spaces and + ( ) - . / # * and ext" })
        .refine((s) => /[0-9]/.test(s), { error: "must hold a digit" }),
    ]),
  );

/** Tags: trimmed, 1–50 characters each, at most 50, none twice. */
export const tagsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, { error: "a tag must not be blank" })
      .max(MAX_TAG, { error: `a tag has at most ${MAX_TAG} characters` }),
  )
  .max(MAX_TAGS, { error: `at most ${MAX_TAGS} tags` })
  .refine((tags) => new Set(tags).size === tags.length, { error: "a tag is repeated" });

const contactFields = z
  .object({
    email: z.email().max(320).toLowerCase().nullable().optional(),
    name: z.string().trim().max(200).nullable().optional(),
    locale: localeSchema.nullable().optional(),
    timeZone: timeZoneSchema.nullable().optional(),
    externalId: z.string().trim().min(1).max(200).nullable().optional(),
    companyId: idSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    tags: tagsSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .strict();
export const contactInput = contactFields.refine((c) => c.email || c.externalId, {
  message: "give an email or an externalId",
  path: ["email"],
});
export const contactPatch = contactFields.partial().strict();

/** The list's filters (the export takes the same): q matching name, email or external id; a tag. */
export const contactFilter = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe("only contacts whose name, email or external id contains this text, in any case"),
  tag: z.string().trim().min(1).max(MAX_TAG).optional().describe("only contacts with this tag (exact)"),
  companyId: idSchema.optional().describe("only the contacts of this company"),
});

/** The contact list: cursor paging and the filters. */
export const contactListQuery = pageSchema.extend(contactFilter.shape);

export type ContactFilter = z.infer<typeof contactFilter>;
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
    phone: z.string().nullable().describe("As written (full-width digits folded to ASCII)"),
    tags: z.array(z.string()),
    attributes: attributesOut,
    createdAt: timeOut,
    updatedAt: timeOut,
  })
  .meta({ id: "Contact" });
export type Contact = z.output<typeof contactSchema>;
