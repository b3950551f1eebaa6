// A contact CSV import's API shapes: the column mapping a run takes, and the import as the admin app polls it
// (file, detected encoding, headers, first rows, guessed mapping, status and counts).
import { z } from "zod";
import { idOut, timeOut } from "../fields.ts";

/** What a column can fill. `name` may be given by several columns (姓 and 名): joined with a space. */
export const importFields = [
  "email",
  "name",
  "phone",
  "company",
  "locale",
  "timeZone",
  "tags",
  "externalId",
  "attribute",
  "skip",
] as const;
export type ImportField = (typeof importFields)[number];

export const attributeTypes = ["text", "number", "boolean", "date"] as const;
export type AttributeType = (typeof attributeTypes)[number];

/** Most attributes a contact may have (fields.ts's attributesSchema). */
export const MAX_ATTRIBUTES = 50;

const columnMapping = z
  .object({
    column: z.number().int().min(0).max(999).describe("the column's position in the header, from 0"),
    field: z.enum(importFields),
    key: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe("the attribute's name (field `attribute`); default the column's header"),
    type: z
      .enum(attributeTypes)
      .optional()
      .describe("the attribute's type (field `attribute`); default text"),
  })
  .strict()
  .meta({ id: "ContactImportColumn" });
export type ColumnMapping = z.output<typeof columnMapping>;

export const importMappingSchema = z
  .object({ columns: z.array(columnMapping).max(1000) })
  .strict()
  .meta({ id: "ContactImportMapping" });
export type ImportMapping = z.output<typeof importMappingSchema>;

export const importStatuses = ["uploaded", "queued", "running", "done", "failed"] as const;

const columnOut = z.object({
  column: z.number().int(),
  field: z.enum(importFields),
  key: z.string().optional(),
  type: z.enum(attributeTypes).optional(),
});

export const contactImportSchema = z
  .object({
    id: idOut,
    fileName: z.string(),
    source: z.enum(["upload", "cli"]),
    byteSize: z.number().int(),
    encoding: z.string().describe("How the file was read: utf-8, utf-16le, utf-16be or cp932"),
    columns: z.array(z.string()).describe("The header row"),
    preview: z
      .array(z.array(z.string()))
      .describe("The first rows' cells, at most 10; empty once the run is done (or the file was cleared)"),
    guessedMapping: z.object({ columns: z.array(columnOut) }).describe("A mapping guessed from the headers"),
    mapping: z
      .object({ columns: z.array(columnOut) })
      .nullable()
      .describe("The mapping it ran with"),
    status: z.enum(importStatuses),
    totalRows: z.number().int().nullable().describe("Data rows in the file (blank rows not counted)"),
    rowsDone: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().describe("Rows whose contact already held every value: nothing was written"),
    failed: z.number().int().describe("Rows left out, each with its reasons in the error report"),
    error: z.string().nullable().describe("Why the run stopped, when status is failed"),
    createdAt: timeOut,
    updatedAt: timeOut,
    startedAt: timeOut.nullable(),
    finishedAt: timeOut.nullable(),
  })
  .meta({ id: "ContactImport" });
export type ContactImport = z.output<typeof contactImportSchema>;

export const importErrorSchema = z
  .object({
    line: z.number().int().describe("The file's line where the row starts"),
    column: z.string().describe("The column's header, or empty for the whole row"),
    reason: z.string().describe("A code: email_invalid, locale_invalid, duplicate_email, …"),
    detail: z.string(),
    message: z.string().describe("The reason in words, in the asked locale"),
  })
  .meta({ id: "ContactImportError" });

export const importErrorPageSchema = z
  .object({ data: z.array(importErrorSchema), total: z.number().int() })
  .meta({ id: "ContactImportErrors" });

export const importErrorsQuery = z.object({
  locale: z.enum(["ja", "en"]).optional().describe("The language of the reasons (default en)"),
});
