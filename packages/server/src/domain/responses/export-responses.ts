// The responses as CSV, read in keyset pages so that an export of any size holds one page in memory.
import type { Db } from "../../db/open.ts";
import { csvLine, UTF8_BOM } from "./csv-cells.ts";
import type { ResponseConditions } from "./response-filter.ts";
import { selectResponseRows, type ResponseListRow } from "./response-rows.ts";

export const EXPORT_PAGE = 5_000;

export const exportColumns = [
  "id",
  "createdAt",
  "survey",
  "surveyKind",
  "score",
  "segment",
  "touchpoint",
  "channel",
  "contactEmail",
  "contactName",
  "comment",
  "locale",
  "source",
  "contactPhone",
  "company",
  "contactPreference",
  "testimonialConsentText",
  "testimonialConsentAt",
] as const;

/** ISO 8601 in the workspace's time zone with its offset, e.g. 2026-04-01T09:30:00+09:00. */
export function localTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? "GMT").replace("GMT", "") || "+00:00";
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

const line = (r: ResponseListRow, timeZone: string) =>
  csvLine([
    r.id,
    localTime(r.created_at, timeZone),
    r.survey_name,
    r.survey_kind,
    r.score,
    r.segment,
    r.touchpoint_name,
    r.channel,
    r.contact_email,
    r.contact_name,
    r.comment,
    r.locale,
    r.source,
    r.contact_phone,
    r.company_name,
    r.contact_preference,
    r.testimonial_consent_text,
    r.testimonial_consent_at && localTime(r.testimonial_consent_at, timeZone),
  ]);

/** The file's text, in chunks: the BOM and header, then one chunk per page of rows. */
export async function* responseCsv(
  db: Db,
  workspaceId: string,
  f: ResponseConditions,
  opts: { timeZone: string; pageSize?: number },
): AsyncGenerator<string> {
  const pageSize = opts.pageSize ?? EXPORT_PAGE;
  yield UTF8_BOM + csvLine(exportColumns);
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await selectResponseRows(db, workspaceId, f, { after, limit: pageSize });
    if (rows.length > 0) yield rows.map((r) => line(r, opts.timeZone)).join("");
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = [last.created_key, last.id];
  }
}
