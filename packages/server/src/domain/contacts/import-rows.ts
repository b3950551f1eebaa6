// One CSV row of a contact import checked against the mapping: the contact's values it gives, or every bad
// cell with its column and reason. Checks are written out by hand rather than through zod: at a million
// rows they are most of Node's share of the import (docs/PERFORMANCE.md). The limits are the API's
// (contact-schema.ts): email 320, name 200, phone 40, external id 200, tag 50 and 50 tags, text attribute
// 1,000. An empty cell gives nothing: the import never clears a value a contact already has.
import { regexes } from "zod";
import { unreadableReason } from "../csv/decode-csv.ts";
import { toBoolean, toDate, toNumber } from "./import-mapping.ts";
import type { ImportReason } from "./import-reasons.ts";
import type { ColumnMapping } from "./import-schema.ts";

/** A good row's values; null where the file gives none (the contact keeps what it has). */
export interface ImportContact {
  line: number;
  email: string | null;
  name: string | null;
  phone: string | null;
  locale: "ja" | "en" | null;
  timeZone: string | null;
  externalId: string | null;
  company: string | null;
  tags: string[] | null;
  attributes: Record<string, string | number | boolean> | null;
}

export interface CellIssue {
  /** The column's header, or "" for the whole row. */
  column: string;
  reason: ImportReason;
  detail?: string;
}

export const LIMITS = {
  email: 320,
  name: 200,
  phone: 40,
  externalId: 200,
  company: 200,
  tag: 50,
  tags: 50,
  text: 1000,
};

/**
 * Tags in one cell are separated by `;`, `、` or `,` (full-width ； and ， too): Excel users write
 * 「VIP、展示会2026」 or "vip; beta", and a comma inside a quoted cell works as well.
 */
const TAG_SEPARATORS = /[;,、；，]/;

const EMAIL = regexes.email;
const PHONE = /^[0-9+()\-./ #*extEXT]+$/;

const LOCALES: Record<string, "ja" | "en"> = {
  ja: "ja",
  "ja-jp": "ja",
  jp: "ja",
  japanese: "ja",
  日本語: "ja",
  en: "en",
  "en-us": "en",
  "en-gb": "en",
  english: "en",
  英語: "en",
};

const zones = new Map<string, boolean>();
function isTimeZone(tz: string): boolean {
  let ok = zones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (zones.size < 10_000) zones.set(tz, ok);
  }
  return ok;
}

/** The row's contact, or its issues. `columns` are the header's names; `mapping` one entry per column. */
export function prepareRow(
  line: number,
  cells: readonly string[],
  columns: readonly string[],
  mapping: readonly ColumnMapping[],
  encoding: string,
): { contact: ImportContact; issues?: undefined } | { contact?: undefined; issues: CellIssue[] } {
  if (cells.length !== columns.length)
    return { issues: [{ column: "", reason: "value_count", detail: String(cells.length) }] };
  const issues: CellIssue[] = [];
  const c: ImportContact = {
    line,
    email: null,
    name: null,
    phone: null,
    locale: null,
    timeZone: null,
    externalId: null,
    company: null,
    tags: null,
    attributes: null,
  };
  for (let i = 0; i < mapping.length; i++) {
    const m = mapping[i]!;
    if (m.field === "skip") continue;
    const raw = cells[i]!;
    if (raw === "") continue;
    const column = columns[i]!;
    const unreadable = unreadableReason(raw);
    if (unreadable) {
      issues.push({ column, reason: "not_text", detail: encoding.toUpperCase() });
      continue;
    }
    const v = unguarded(raw.trim());
    if (v === "") continue;
    switch (m.field) {
      case "email": {
        const email = v.normalize("NFKC").toLowerCase();
        if (email.length > LIMITS.email) issues.push(tooLong(column, LIMITS.email));
        else if (!EMAIL.test(email)) issues.push({ column, reason: "email_invalid" });
        else c.email = email;
        break;
      }
      case "name":
        c.name = c.name === null ? v : `${c.name} ${v}`;
        if (c.name.length > LIMITS.name)
          issues.push({ column, reason: "too_long", detail: String(LIMITS.name) });
        break;
      case "phone": {
        const phone = v.normalize("NFKC").replace(/\s+/g, " ");
        if (phone.length > LIMITS.phone)
          issues.push({ column, reason: "too_long", detail: String(LIMITS.phone) });
        else if (!PHONE.test(phone) || !/[0-9]/.test(phone)) issues.push({ column, reason: "phone_invalid" });
        else c.phone = phone;
        break;
      }
      case "locale": {
        const locale = LOCALES[v.normalize("NFKC").toLowerCase().replace("_", "-")];
        if (locale) c.locale = locale;
        else issues.push({ column, reason: "locale_invalid" });
        break;
      }
      case "timeZone":
        if (v.length <= 64 && isTimeZone(v)) c.timeZone = v;
        else issues.push({ column, reason: "time_zone_invalid" });
        break;
      case "externalId":
        if (v.length > LIMITS.externalId) issues.push(tooLong(column, LIMITS.externalId));
        else c.externalId = v;
        break;
      case "company":
        if (v.length > LIMITS.company) issues.push(tooLong(column, LIMITS.company));
        else c.company = v;
        break;
      case "tags": {
        const tags = [
          ...new Set(
            v
              .split(TAG_SEPARATORS)
              .map((t) => t.trim())
              .filter((t) => t !== ""),
          ),
        ];
        const long = tags.find((t) => t.length > LIMITS.tag);
        if (long) issues.push({ column, reason: "too_long", detail: String(LIMITS.tag) });
        else if (tags.length > LIMITS.tags)
          issues.push({ column, reason: "too_many_tags", detail: String(LIMITS.tags) });
        else if (tags.length) c.tags = tags;
        break;
      }
      case "attribute": {
        const value = typed(v, m.type ?? "text");
        if (value === undefined) issues.push({ column, reason: invalidType[m.type ?? "text"] });
        else if (typeof value === "string" && value.length > LIMITS.text)
          issues.push({ column, reason: "too_long", detail: String(LIMITS.text) });
        else (c.attributes ??= {})[m.key!] = value;
        break;
      }
    }
  }
  if (!c.email && !c.externalId) {
    // A bad email or external id already says why the row has no key.
    const keyColumns = mapping.filter((m) => m.field === "email" || m.field === "externalId");
    const named = keyColumns.map((m) => columns[m.column]!);
    if (!issues.some((i) => named.includes(i.column)))
      issues.push({ column: named[0] ?? "", reason: "key_missing" });
  }
  return issues.length ? { issues } : { contact: c };
}

/**
 * A cell without the apostrophe Koe's own CSV files put before a value a spreadsheet would run as a formula
 * (responses/csv-cells.ts), so the error report fixed and imported again gives `+81 90 …`, not `'+81 90 …`.
 */
export function unguarded(v: string): string {
  if (v.charCodeAt(0) !== 39 || !GUARDED.test(v)) return v;
  return v.slice(1).trim();
}
const GUARDED = /^'[=+\-@\t\r]/;

const tooLong = (column: string, max: number): CellIssue => ({
  column,
  reason: "too_long",
  detail: String(max),
});

const invalidType: Record<"text" | "number" | "boolean" | "date", ImportReason> = {
  number: "number_invalid",
  boolean: "boolean_invalid",
  date: "date_invalid",
  text: "too_long",
};

function typed(v: string, type: string): string | number | boolean | undefined {
  switch (type) {
    case "number":
      return toNumber(v);
    case "boolean":
      return toBoolean(v);
    case "date":
      return toDate(v);
    default:
      return v;
  }
}
