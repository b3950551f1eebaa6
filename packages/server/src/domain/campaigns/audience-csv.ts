// An audience uploaded as CSV: each row a contact (created, or updated by email), added to the campaign.
// The file's bytes are decoded by csv/decode-csv.ts (UTF-8, UTF-16, Shift_JIS); bad rows are reported by
// line with the reason, an address given twice keeps its first row (contacts/first-row-per-email.ts) and
// the others are reported; the good rows are kept.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { z } from "zod";
import { contactInput } from "../contacts/contact-schema.ts";
import type { audienceUploadSchema } from "./campaign-schema.ts";
import { firstRowPerEmail } from "../contacts/first-row-per-email.ts";
import { csvRecords } from "../csv/csv-records.ts";
import { decodeCsv } from "../csv/decode-csv.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";

const MAX_ROWS = 100_000;
const known = new Set(["email", "name", "locale", "timeZone", "externalId"]);

/** What an upload did: the API's AudienceUpload (campaign-schema.ts). */
export type CsvImportResult = z.output<typeof audienceUploadSchema>;

interface ContactRow {
  line: number;
  id: string;
  email: string;
  name: string | null;
  locale: string | null;
  time_zone: string | null;
  external_id: string | null;
  attributes: Record<string, string>;
}

/** `bytes` is the file as uploaded; `charset` the one its Content-Type declared, if any. */
export async function importAudienceCsv(
  db: Db,
  workspaceId: string,
  campaignId: string,
  bytes: Uint8Array,
  charset?: string | null,
): Promise<CsvImportResult> {
  await mustBeDraft(db, workspaceId, campaignId);
  const { text, encoding } = decodeCsv(bytes, charset);
  const { columns, rows: records } = csvRecords(text, MAX_ROWS);
  if (records.length > 0 && !columns.includes("email"))
    throw new ValidationError([{ path: "csv", message: "needs an `email` column" }]);
  const errors: CsvImportResult["errors"] = [];
  const valid: ContactRow[] = [];
  for (const { line, values: r } of records) {
    const attributes = Object.fromEntries(Object.entries(r).filter(([k, v]) => !known.has(k) && v !== ""));
    const parsed = contactInput.safeParse({
      email: r.email || null,
      name: r.name || null,
      locale: r.locale || null,
      timeZone: r.timeZone || null,
      externalId: r.externalId || null,
      attributes,
    });
    if (!parsed.success || !parsed.data.email) {
      const issue = parsed.success ? { path: ["email"], message: "is required" } : parsed.error.issues[0]!;
      errors.push({ line, message: `${issue.path.join(".")}: ${issue.message}` });
      continue;
    }
    const c = parsed.data;
    valid.push({
      line,
      id: newId(),
      email: c.email!,
      name: c.name ?? null,
      locale: c.locale ?? null,
      time_zone: c.timeZone ?? null,
      external_id: c.externalId ?? null,
      attributes,
    });
  }
  const { rows, duplicates } = firstRowPerEmail(valid);
  // One transaction holding the campaign: a launch waits for the whole upload, or the upload sees it launched.
  const added = await db.transaction().execute(async (tx) => {
    await mustBeDraft(tx, workspaceId, campaignId, true);
    const usable = await withoutTakenExternalIds(tx, workspaceId, rows, errors);
    return insertRows(tx, workspaceId, campaignId, usable);
  });
  errors.sort((a, b) => a.line - b.line);
  return { added, encoding, errors, duplicates };
}

/**
 * An external id names one contact: a row giving one that an earlier row, or another contact, already
 * has is reported (the contact is not created with a stolen id, nor the upload failed).
 */
async function withoutTakenExternalIds(
  db: Db,
  workspaceId: string,
  rows: ContactRow[],
  errors: CsvImportResult["errors"],
): Promise<ContactRow[]> {
  const given = [...new Set(rows.flatMap((r) => (r.external_id ? [r.external_id] : [])))];
  const owner = new Map<string, string>();
  for (let i = 0; i < given.length; i += 10_000) {
    const taken = await db
      .selectFrom("contacts")
      .select(["external_id", "email"])
      .where("workspace_id", "=", workspaceId)
      .where("external_id", "=", sql<string>`any(${given.slice(i, i + 10_000)}::text[])`)
      .execute();
    for (const t of taken) if (t.external_id) owner.set(t.external_id, t.email ?? "");
  }
  const firstLine = new Map<string, ContactRow>();
  return rows.filter((r) => {
    if (!r.external_id) return true;
    const earlier = firstLine.get(r.external_id);
    const message = earlier
      ? `externalId: "${r.external_id}" is already given on line ${earlier.line}`
      : owner.has(r.external_id) && owner.get(r.external_id) !== r.email
        ? `externalId: "${r.external_id}" belongs to another contact`
        : undefined;
    if (message) errors.push({ line: r.line, message });
    else firstLine.set(r.external_id, r);
    return !message;
  });
}

async function mustBeDraft(db: Db, workspaceId: string, campaignId: string, lock = false): Promise<void> {
  let q = db
    .selectFrom("campaigns")
    .select("status")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", campaignId);
  if (lock) q = q.forUpdate();
  const campaign = await q.executeTakeFirst();
  // Another workspace's campaign is not found, as it is on every other campaign operation.
  if (!campaign) throw new NotFoundError(`campaign ${campaignId} not found`);
  if (campaign.status !== "draft") throw new ConflictError("the audience of a launched campaign is fixed");
}

async function insertRows(
  db: Db,
  workspaceId: string,
  campaignId: string,
  rows: ContactRow[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 5_000) {
    // One row per address (firstRowPerEmail): the upsert below must not meet an address twice.
    const chunk = rows.slice(i, i + 5_000);
    const r = await sql<{ n: number }>`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id uuid, email text, name text,
          locale text, time_zone text, external_id text, attributes jsonb)
      ),
      upserted as (
        insert into contacts (workspace_id, id, email, name, locale, time_zone, external_id, attributes)
        select ${workspaceId}::uuid, id, email, name, locale, time_zone, external_id, attributes from input
        on conflict (workspace_id, email) do update set
          name = coalesce(excluded.name, contacts.name), locale = coalesce(excluded.locale, contacts.locale),
          time_zone = coalesce(excluded.time_zone, contacts.time_zone),
          attributes = contacts.attributes || excluded.attributes, updated_at = now()
        returning id, email, external_id, xmax = 0 as inserted
      ),
      created as (
        insert into domain_events (workspace_id, type, subject_id, payload)
        select ${workspaceId}::uuid, 'contact.created', u.id,
               jsonb_build_object('email', u.email, 'externalId', u.external_id, 'via', 'audience')
        from upserted u where u.inserted
      ),
      added as (
        insert into campaign_contacts (workspace_id, campaign_id, contact_id)
        select ${workspaceId}::uuid, ${campaignId}::uuid, id from upserted
        on conflict do nothing
        returning 1
      )
      select count(*)::int as n from added`.execute(db);
    added += r.rows[0]?.n ?? 0;
  }
  return added;
}
