// The contacts as CSV (the list's filters), read in keyset pages so that an export of any size holds one
// page in memory. One column per attribute key (attribute.<key>, as reports name them), tags joined by "; ".
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { ContactRow } from "../../db/schema.ts";
import { csvLine, UTF8_BOM, type CsvValue } from "../responses/csv-cells.ts";
import { localTime } from "../responses/export-responses.ts";
import type { ContactFilter } from "./contact-schema.ts";
import { filteredContacts } from "./contacts.ts";

export const CONTACT_EXPORT_PAGE = 5_000;
/** The most attribute columns a file gets (a contact holds at most 50 attributes). */
const MAX_ATTRIBUTE_COLUMNS = 200;

export const contactExportColumns = [
  "id",
  "email",
  "name",
  "phone",
  "externalId",
  "company",
  "companyId",
  "locale",
  "timeZone",
  "tags",
  "createdAt",
] as const;

type Row = ContactRow & { company_name: string | null };

const cellOf = (v: unknown): CsvValue =>
  v === null || v === undefined ? null : typeof v === "boolean" ? String(v) : (v as string | number);

/** The file, piece by piece: the BOM and header, then one page of lines at a time. */
export async function* contactCsv(
  db: Db,
  workspaceId: string,
  filter: ContactFilter,
  opts: { timeZone: string },
): AsyncGenerator<string> {
  const { rows: keyRows } = await sql<{ key: string }>`
    select distinct k as key from (${filteredContacts(db, workspaceId, filter)}) c,
      lateral jsonb_object_keys(c.attributes) k
    order by 1 limit ${MAX_ATTRIBUTE_COLUMNS}`.execute(db);
  const keys = keyRows.map((r) => r.key);
  yield UTF8_BOM + csvLine([...contactExportColumns, ...keys.map((k) => `attribute.${k}`)]);
  let after: string | undefined;
  for (;;) {
    let query = filteredContacts(db, workspaceId, filter);
    if (after) query = query.where("contacts.id", "<", after);
    const rows: Row[] = await query
      .leftJoin("companies", (j) =>
        j
          .onRef("companies.workspace_id", "=", "contacts.workspace_id")
          .onRef("companies.id", "=", "contacts.company_id"),
      )
      .select("companies.name as company_name")
      .orderBy("contacts.id", "desc")
      .limit(CONTACT_EXPORT_PAGE)
      .execute();
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        csvLine([
          r.id,
          r.email,
          r.name,
          r.phone,
          r.external_id,
          r.company_name,
          r.company_id,
          r.locale,
          r.time_zone,
          r.tags.join("; "),
          localTime(r.created_at, opts.timeZone),
          ...keys.map((k) => cellOf(r.attributes[k])),
        ]),
      )
      .join("");
    after = rows[rows.length - 1]?.id;
    if (rows.length < CONTACT_EXPORT_PAGE) return;
  }
}
