// An audience uploaded as CSV: each row a contact (created, or updated by email), added to the campaign.
// Bad rows are reported by line with the reason; the good ones are kept.
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { contactInput } from "../contacts/contact-schema.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";

const MAX_ROWS = 100_000;
const known = new Set(["email", "name", "locale", "timeZone", "externalId"]);

export interface CsvImportResult {
  added: number;
  errors: { line: number; message: string }[];
}

interface ContactRow {
  id: string;
  email: string;
  name: string | null;
  locale: string | null;
  time_zone: string | null;
  external_id: string | null;
  attributes: Record<string, string>;
}

export async function importAudienceCsv(
  db: Db,
  workspaceId: string,
  campaignId: string,
  csv: string,
): Promise<CsvImportResult> {
  await mustBeDraft(db, workspaceId, campaignId);
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (e) {
    throw new ValidationError([{ path: "csv", message: e instanceof Error ? e.message : "not CSV" }]);
  }
  if (records.length > MAX_ROWS)
    throw new ValidationError([{ path: "csv", message: `at most ${MAX_ROWS} rows` }]);
  if (records.length > 0 && !("email" in records[0]!))
    throw new ValidationError([{ path: "csv", message: "needs an `email` column" }]);
  const errors: CsvImportResult["errors"] = [];
  const rows: ContactRow[] = [];
  records.forEach((r, i) => {
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
      errors.push({ line: i + 2, message: `${issue.path.join(".")}: ${issue.message}` });
      return;
    }
    const c = parsed.data;
    rows.push({
      id: newId(),
      email: c.email!,
      name: c.name ?? null,
      locale: c.locale ?? null,
      time_zone: c.timeZone ?? null,
      external_id: c.externalId ?? null,
      attributes,
    });
  });
  // One transaction holding the campaign: a launch waits for the whole upload, or the upload sees it launched.
  return db.transaction().execute(async (tx) => {
    await mustBeDraft(tx, workspaceId, campaignId, true);
    return { added: await insertRows(tx, workspaceId, campaignId, rows), errors };
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
  if (!campaign) throw new ValidationError([{ path: "id", message: "no such campaign" }]);
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
    const chunk = rows.slice(i, i + 5_000);
    const r = await sql<{ n: number }>`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id uuid, email text, name text,
          locale text, time_zone text, external_id text, attributes jsonb)
      ),
      upserted as (
        insert into contacts (workspace_id, id, email, name, locale, time_zone, external_id, attributes)
        select distinct on (email) ${workspaceId}::uuid, id, email, name, locale, time_zone, external_id, attributes
        from input order by email
        on conflict (workspace_id, email) do update set
          name = coalesce(excluded.name, contacts.name), locale = coalesce(excluded.locale, contacts.locale),
          time_zone = coalesce(excluded.time_zone, contacts.time_zone),
          attributes = contacts.attributes || excluded.attributes, updated_at = now()
        returning id
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
