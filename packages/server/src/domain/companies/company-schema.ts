import { z } from "zod";
import { attributesSchema } from "../fields.ts";

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

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  externalId: string | null;
  attributes: Record<string, string | number | boolean | null>;
  createdAt: string;
  updatedAt: string;
}
