// Contacts: create, read, list (search, tag, company), change and delete.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { ContactRow } from "../../db/schema.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { recordEvent, type EventPayloads, type NewEvent } from "../events/record.ts";
import { containsPattern } from "../like-pattern.ts";
import { decodeIdCursor, toPage } from "../paging.ts";
import type { Page } from "../fields.ts";
import { deleteRow, getRow } from "../rows.ts";
import type {
  Contact,
  ContactFilter,
  ContactInput,
  ContactListQuery,
  ContactPatch,
} from "./contact-schema.ts";

export function toContact(r: ContactRow): Contact {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    locale: r.locale,
    timeZone: r.time_zone,
    externalId: r.external_id,
    companyId: r.company_id,
    phone: r.phone,
    tags: r.tags,
    attributes: r.attributes,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function rejected(e: unknown): never {
  if (isUniqueViolation(e)) throw new ConflictError("a contact with this email or externalId already exists");
  if (isForeignKeyViolation(e))
    throw new ValidationError([{ path: "companyId", message: "no such company" }]);
  throw e;
}

/** A new contact's contact.created event (domain/events/record.ts). */
export const contactCreated = (
  workspaceId: string,
  r: { id: string; email: string | null; external_id: string | null },
  via: EventPayloads["contact.created"]["via"],
): NewEvent<"contact.created"> => ({
  workspaceId,
  type: "contact.created",
  subjectId: r.id,
  payload: { email: r.email, externalId: r.external_id, via },
});

export async function createContact(db: Db, workspaceId: string, input: ContactInput): Promise<Contact> {
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("contacts")
      .values({
        workspace_id: workspaceId,
        id: newId(),
        email: input.email ?? null,
        name: input.name ?? null,
        locale: input.locale ?? null,
        time_zone: input.timeZone ?? null,
        external_id: input.externalId ?? null,
        company_id: input.companyId ?? null,
        phone: input.phone ?? null,
        tags: JSON.stringify(input.tags ?? []),
        attributes: JSON.stringify(input.attributes ?? {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(rejected);
    await recordEvent(trx, contactCreated(workspaceId, inserted, "api"));
    return inserted;
  });
  return toContact(row);
}

export async function getContact(db: Db, workspaceId: string, id: string): Promise<Contact> {
  return toContact(await getRow(db, "contacts", workspaceId, id));
}

/** The contacts the filters keep (q: name, email or external id contains it, any case; tag; company). */
export function filteredContacts(db: Db, workspaceId: string, filter: ContactFilter) {
  // Columns are qualified: the export joins the company.
  let query = db
    .selectFrom("contacts")
    .selectAll("contacts")
    .where("contacts.workspace_id", "=", workspaceId);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    const matches = (column: "name" | "email" | "external_id") =>
      sql<boolean>`${sql.ref(`contacts.${column}`)} ilike ${pattern} escape '\\'`;
    query = query.where((eb) => eb.or([matches("name"), matches("email"), matches("external_id")]));
  }
  // jsonb containment: answered by the GIN index contacts_by_tag.
  if (filter.tag) query = query.where(sql<boolean>`contacts.tags @> ${JSON.stringify([filter.tag])}::jsonb`);
  if (filter.companyId) query = query.where("contacts.company_id", "=", filter.companyId);
  return query;
}

/** Newest first, filtered (see filteredContacts). */
export async function listContacts(
  db: Db,
  workspaceId: string,
  opts: ContactListQuery,
): Promise<Page<Contact>> {
  const { limit, cursor, ...filter } = opts;
  const after = decodeIdCursor(cursor);
  let query = filteredContacts(db, workspaceId, filter);
  if (after) query = query.where("contacts.id", "<", after);
  const rows = await query
    .orderBy("contacts.id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toContact, (r) => r.id);
}

export async function updateContact(
  db: Db,
  workspaceId: string,
  id: string,
  patch: ContactPatch,
  /** The clock's time: the change's updated_at. */
  now: Date,
): Promise<Contact> {
  const row = await db
    .updateTable("contacts")
    .set({
      email: patch.email,
      name: patch.name,
      locale: patch.locale,
      time_zone: patch.timeZone,
      external_id: patch.externalId,
      company_id: patch.companyId,
      phone: patch.phone,
      tags: patch.tags && JSON.stringify(patch.tags),
      attributes: patch.attributes && JSON.stringify(patch.attributes),
      updated_at: now,
    })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst()
    .catch(rejected);
  if (!row) throw new NotFoundError(`contact ${id} not found`);
  return toContact(row);
}

/** Responses keep their scores; their contact link is cleared by the database (ON DELETE SET NULL). */
export function deleteContact(db: Db, workspaceId: string, id: string): Promise<void> {
  return deleteRow(db, "contacts", workspaceId, id, "this contact cannot be deleted");
}
