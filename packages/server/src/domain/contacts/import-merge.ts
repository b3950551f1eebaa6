// Writes one chunk of an import's good rows into contacts, in the caller's transaction, in one statement:
// each row finds its contact by external id, else by email; a found contact is updated only where the row
// changes something (so a second run of the same file writes nothing and leaves updated_at alone), the
// others are created with their contact.created events. A company column links the contact to the
// company of that name, created when there is none. Rows that cannot be applied come back as conflicts:
// an email that belongs to another contact, an email whose contact has another external id, two rows of
// the chunk naming the same contact.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { newId } from "../ids.ts";
import type { ImportReason } from "./import-reasons.ts";
import type { ImportContact } from "./import-rows.ts";

export interface MergeConflict {
  line: number;
  reason: ImportReason;
  detail: string;
}

export interface MergeResult {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: MergeConflict[];
}

/** Company ids by name, the missing ones created (one at a time per workspace, so no name is made twice). */
async function companyIds(trx: Db, workspaceId: string, names: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (names.length === 0) return ids;
  const find = async () => {
    const { rows } = await sql<{ name: string; id: string }>`
      select distinct on (name) name, id from companies
      where workspace_id = ${workspaceId}::uuid and name = any(${names}::text[])
      order by name, id`.execute(trx);
    for (const r of rows) ids.set(r.name, r.id);
  };
  await find();
  if (ids.size === names.length) return ids;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`koe.companies:${workspaceId}`}::text, 0))`.execute(
    trx,
  );
  await find();
  const missing = names.filter((n) => !ids.has(n)).map((name) => ({ name, id: newId() }));
  if (missing.length) {
    await trx
      .insertInto("companies")
      .values(missing.map((m) => ({ workspace_id: workspaceId, id: m.id, name: m.name, attributes: "{}" })))
      .execute();
    for (const m of missing) ids.set(m.name, m.id);
  }
  return ids;
}

const jsonOrNull = (v: unknown) => (v === null ? null : JSON.stringify(v));

/** Sends a chunk's rows to the temporary table koe_import_chunk by COPY (db/copy-contact-chunk.ts). */
export type ChunkCopier = (text: Buffer) => Promise<void>;

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
/** A value in COPY's text format (db/copy-responses.ts's rule): \\, tab, newline, CR escaped; null as \\N. */
const field = (v: string | null): string =>
  v === null ? "\\N" : special.test(v) ? v.replace(specials, (c) => escapes[c] ?? c) : v;

/** The chunk as COPY text, in koe_import_chunk's column order. */
function copyText(rows: readonly ImportContact[], ids: string[], companies: Map<string, string>): Buffer {
  let text = "";
  rows.forEach((r, i) => {
    const company = r.company === null ? null : (companies.get(r.company) ?? null);
    text +=
      `${ids[i]}\t${r.line}\t${field(r.email)}\t${field(r.name)}\t${field(r.phone)}\t${field(r.locale)}\t` +
      `${field(r.timeZone)}\t${field(r.externalId)}\t${field(company)}\t${field(jsonOrNull(r.tags))}\t` +
      `${field(jsonOrNull(r.attributes))}\n`;
  });
  return Buffer.from(text);
}

/** The chunk's statement: see the file's opening comment. */
async function mergeStatement(
  trx: Db,
  workspaceId: string,
  rows: readonly ImportContact[],
  companies: Map<string, string>,
  now: Date,
  copy: ChunkCopier | undefined,
): Promise<MergeResult> {
  const col = <T>(f: (r: ImportContact) => T) => rows.map(f);
  const ids = col(() => newId());
  let source: RawBuilder<unknown>;
  if (copy) {
    await copy(copyText(rows, ids, companies));
    source = sql`select * from koe_import_chunk`;
  } else
    source = sql`
      select * from unnest(
        ${ids}::uuid[], ${col((r) => r.line)}::int[], ${col((r) => r.email)}::text[],
        ${col((r) => r.name)}::text[], ${col((r) => r.phone)}::text[], ${col((r) => r.locale)}::text[],
        ${col((r) => r.timeZone)}::text[], ${col((r) => r.externalId)}::text[],
        ${col((r) => (r.company === null ? null : (companies.get(r.company) ?? null)))}::uuid[],
        ${col((r) => jsonOrNull(r.tags))}::jsonb[], ${col((r) => jsonOrNull(r.attributes))}::jsonb[]
      ) as s (new_id, line, email, name, phone, locale, time_zone, external_id, company_id, tags, attributes)`;
  const { rows: out } = await sql<{
    created: number;
    updated: number;
    matched: number;
    conflicts: MergeConflict[];
    lost: number[];
  }>`
    with src as (${source}),
    matched as (
      -- One index probe per key: a plain join (or a lateral one the planner flattens, hence the limit) hashed
      -- the workspace's every contact per chunk, so each chunk of a million-row import took longer than the last.
      select s.*, bx.id as by_ext, be.id as by_email, be.external_id as email_ext
      from src s
      left join lateral (select id from contacts
                         where workspace_id = ${workspaceId}::uuid and external_id = s.external_id limit 1) bx on true
      left join lateral (select id, external_id from contacts
                         where workspace_id = ${workspaceId}::uuid and email = s.email limit 1) be on true
    ),
    decided as (
      select m.*, coalesce(m.by_ext, m.by_email) as target,
        case when m.by_ext is not null and m.by_email is not null and m.by_ext <> m.by_email then 'email_taken'
             when m.by_ext is null and m.by_email is not null and m.external_id is not null
                  and m.email_ext is not null then 'external_id_taken'
        end as conflict
      from matched m
    ),
    ranked as (
      select d.*, case when d.conflict is null and d.target is not null
                       then first_value(d.line) over (partition by d.target order by d.line) end as first_line
      from decided d
    ),
    ok as (select * from ranked where conflict is null and (target is null or first_line = line)),
    updated as (
      update contacts c set
        email = coalesce(d.email, c.email),
        name = coalesce(d.name, c.name),
        phone = coalesce(d.phone, c.phone),
        locale = coalesce(d.locale, c.locale),
        time_zone = coalesce(d.time_zone, c.time_zone),
        external_id = coalesce(d.external_id, c.external_id),
        company_id = coalesce(d.company_id, c.company_id),
        tags = case when d.tags is null or c.tags @> d.tags then c.tags
                    else c.tags || (select jsonb_agg(t order by n) from jsonb_array_elements(d.tags) with ordinality as x (t, n)
                                    where not c.tags @> jsonb_build_array(t)) end,
        attributes = c.attributes || coalesce(d.attributes, '{}'::jsonb),
        updated_at = ${now}::timestamptz
      from ok d
      where d.target is not null and c.workspace_id = ${workspaceId}::uuid and c.id = d.target
        and ((d.email is not null and d.email is distinct from c.email)
          or (d.name is not null and d.name is distinct from c.name)
          or (d.phone is not null and d.phone is distinct from c.phone)
          or (d.locale is not null and d.locale is distinct from c.locale)
          or (d.time_zone is not null and d.time_zone is distinct from c.time_zone)
          or (d.external_id is not null and d.external_id is distinct from c.external_id)
          or (d.company_id is not null and d.company_id is distinct from c.company_id)
          or (d.tags is not null and not c.tags @> d.tags)
          or (d.attributes is not null and not c.attributes @> d.attributes))
      returning c.id
    ),
    inserted as (
      insert into contacts (workspace_id, id, email, name, phone, locale, time_zone, external_id, company_id,
                            tags, attributes, created_at, updated_at)
      select ${workspaceId}::uuid, d.new_id, d.email, d.name, d.phone, d.locale, d.time_zone, d.external_id, d.company_id,
             coalesce(d.tags, '[]'::jsonb), coalesce(d.attributes, '{}'::jsonb), ${now}::timestamptz, ${now}::timestamptz
      from ok d where d.target is null
      order by d.line
      on conflict do nothing
      returning id, email, external_id
    ),
    events as (
      insert into domain_events (workspace_id, type, subject_id, payload)
      select ${workspaceId}::uuid, 'contact.created', i.id,
             jsonb_build_object('email', i.email, 'externalId', i.external_id, 'via', 'import')
      from inserted i
    )
    select
      (select count(*)::int from inserted) as created,
      (select count(*)::int from updated) as updated,
      (select count(*)::int from ok where target is not null) as matched,
      (select coalesce(json_agg(json_build_object(
          'line', line,
          'reason', coalesce(conflict, 'same_contact'),
          'detail', case when conflict = 'external_id_taken' then email_ext
                         when conflict is null then first_line::text else '' end) order by line), '[]')
       from ranked where conflict is not null or (target is not null and first_line <> line)) as conflicts,
      (select coalesce(json_agg(line order by line), '[]') from ok
       where target is null and new_id not in (select id from inserted)) as lost`.execute(trx);
  const r = out[0]!;
  const parse = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  const conflicts = parse(r.conflicts);
  // A row whose new contact met one created meanwhile by another writer (the insert skipped it).
  for (const line of parse(r.lost)) conflicts.push({ line, reason: "changed_meanwhile", detail: "" });
  return { created: r.created, updated: r.updated, unchanged: r.matched - r.updated, conflicts };
}

/**
 * Writes `rows` (at most one per email and one per external id: the caller drops duplicates) in `trx`.
 * When the chunk's updates collide among themselves (one row takes the address another row gives up), the
 * rows go one at a time instead, each in a savepoint, and the one that cannot be applied is a conflict.
 */
export async function mergeContacts(
  trx: Db,
  workspaceId: string,
  rows: readonly ImportContact[],
  now: Date,
  copy?: ChunkCopier,
): Promise<MergeResult> {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0, conflicts: [] };
  const names = [...new Set(rows.flatMap((r) => (r.company === null ? [] : [r.company])))];
  const companies = await companyIds(trx, workspaceId, names);
  await sql`savepoint koe_import_chunk`.execute(trx);
  try {
    const result = await mergeStatement(trx, workspaceId, rows, companies, now, copy);
    await sql`release savepoint koe_import_chunk`.execute(trx);
    return result;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await sql`rollback to savepoint koe_import_chunk`.execute(trx);
  }
  const total: MergeResult = { created: 0, updated: 0, unchanged: 0, conflicts: [] };
  for (const row of rows) {
    await sql`savepoint koe_import_row`.execute(trx);
    try {
      const one = await mergeStatement(trx, workspaceId, [row], companies, now, undefined);
      await sql`release savepoint koe_import_row`.execute(trx);
      total.created += one.created;
      total.updated += one.updated;
      total.unchanged += one.unchanged;
      total.conflicts.push(...one.conflicts);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      await sql`rollback to savepoint koe_import_row`.execute(trx);
      total.conflicts.push({ line: row.line, reason: "email_taken", detail: "" });
    }
  }
  return total;
}
