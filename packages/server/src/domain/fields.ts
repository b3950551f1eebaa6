// Field schemas shared by several resources. Every public string has a maximum length.
import { z } from "zod";
import { channels, locales } from "../shared/vocabulary.ts";

export { channels, locales };
export const localeSchema = z.enum(locales);

export const channelSchema = z.enum(channels);

export const idSchema = z.uuid({ error: "must be an id (UUID)" });

export const attributesSchema = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((o) => Object.keys(o).length <= 50, "at most 50 attributes");

/** A send's metadata: attributes, where `test` is Koe's own mark of a campaign's test send (not counted). */
export const sendMetadataSchema = attributesSchema.refine((o) => !("test" in o), {
  error: "`test` is reserved: it marks a campaign's test send, whose answers count nowhere",
  path: ["test"],
});

/** Text shown to people: trimmed, and never only blanks (a blank question renders as no question). */
export const shownTextSchema = (max: number) =>
  z.string().trim().min(1, { error: "must not be blank" }).max(max);

/** Text per locale, e.g. { ja: "…", en: "…" }; at least one locale, and none of them blank. */
export const localeTextSchema = (max: number) =>
  z
    .object({ ja: shownTextSchema(max).optional(), en: shownTextSchema(max).optional() })
    .strict()
    .refine((o) => o.ja !== undefined || o.en !== undefined, "give the text in at least one locale (ja, en)");

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone such as Asia/Tokyo");

// What answers hold, for the API contract (http/contract/): plain strings whose format the document names,
// not the request-side validators (an answer is written by Koe, so a regex per id would only cost).
export const idOut = z.string().meta({ format: "uuid" });
export const timeOut = z.string().meta({ format: "date-time", description: "ISO 8601, UTC" });
export const dayOut = z.string().meta({ format: "date", description: "YYYY-MM-DD" });
export const attributesOut = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export const localeTextOut = z.object({ ja: z.string().optional(), en: z.string().optional() });

/** One page of a list: its items, and the cursor of the next page (null on the last). */
export const pageOf = <S extends z.ZodType>(item: S, id: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

/** Cursor paging shared by every list endpoint. */
export const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
});

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
