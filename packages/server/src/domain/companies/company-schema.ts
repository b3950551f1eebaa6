import { z } from "zod";
import { attributesOut, attributesSchema, idOut, timeOut } from "../fields.ts";

export const companyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    domain: z.string().trim().max(253).nullable().optional(),
    externalId: z.string().trim().min(1).max(200).nullable().optional(),
    attributes: attributesSchema.optional(),
  })
  .strict();
export const companyPatch = companyInput.partial().strict();

export type CompanyInput = z.infer<typeof companyInput>;
export type CompanyPatch = z.infer<typeof companyPatch>;

export const companySchema = z
  .object({
    id: idOut,
    name: z.string(),
    domain: z.string().nullable(),
    externalId: z.string().nullable(),
    attributes: attributesOut,
    createdAt: timeOut,
    updatedAt: timeOut,
  })
  .meta({ id: "Company" });
export type Company = z.output<typeof companySchema>;
