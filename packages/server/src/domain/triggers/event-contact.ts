// The contact an event is about: an existing one by id, or found (by externalId, then email) or created.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { findRow } from "../rows.ts";
import { recordEvent } from "../events/record.ts";
import { contactCreated } from "../contacts/contacts.ts";
import type { EventContact } from "./event-schema.ts";

/** Call inside the event's transaction, so a rejected event leaves no contact behind. */
/** `now`: the clock's time, the updated_at of a contact the event fills in. */
export async function contactForEvent(
  tx: Db,
  workspaceId: string,
  ref: EventContact,
  now: Date,
): Promise<string> {
  if (ref.id !== undefined) {
    if (!(await findRow(tx, "contacts", workspaceId, ref.id)))
      throw new ValidationError([{ path: "contact.id", message: "no such contact in this workspace" }]);
    return ref.id;
  }
  const found = await findContactId(tx, workspaceId, ref);
  if (found) {
    await fillBlanks(tx, workspaceId, found, ref, now);
    return found;
  }
  // Any unique key (email, externalId) taken by a concurrent event's contact makes this a no-op; the
  // insert waits for that transaction, so the contact it made is visible to the lookup that follows.
  const created = await tx
    .insertInto("contacts")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      email: ref.email ?? null,
      name: ref.name ?? null,
      locale: ref.locale ?? null,
      time_zone: ref.timeZone ?? null,
      external_id: ref.externalId ?? null,
      attributes: "{}",
    })
    .onConflict((oc) => oc.doNothing())
    .returning(["id", "email", "external_id"])
    .executeTakeFirst();
  if (created) {
    await recordEvent(tx, contactCreated(workspaceId, created, "event"));
    return created.id;
  }
  const raced = await findContactId(tx, workspaceId, ref);
  if (!raced) throw new Error("contact neither created nor found");
  return raced;
}

/** The contact an event names by externalId, else by email; undefined when neither finds one. Reads only. */
export async function findContactId(
  tx: Db,
  workspaceId: string,
  ref: EventContact,
): Promise<string | undefined> {
  for (const [column, value] of [
    ["external_id", ref.externalId],
    ["email", ref.email],
  ] as const) {
    if (value === undefined) continue;
    const row = await tx
      .selectFrom("contacts")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where(column, "=", value)
      .executeTakeFirst();
    if (row) return row.id;
  }
  return undefined;
}

/**
 * An event may know what the contact record lacks (a time zone makes quiet hours right); it fills only
 * empty fields and never overwrites what an admin or an import set. Email and externalId are keys and
 * stay as they are.
 */
async function fillBlanks(
  tx: Db,
  workspaceId: string,
  id: string,
  ref: EventContact,
  now: Date,
): Promise<void> {
  const name = ref.name ?? null;
  const locale = ref.locale ?? null;
  const timeZone = ref.timeZone ?? null;
  if (name === null && locale === null && timeZone === null) return;
  await sql`
    update contacts set name = coalesce(name, ${name}), locale = coalesce(locale, ${locale}),
      time_zone = coalesce(time_zone, ${timeZone}), updated_at = ${now}
    where workspace_id = ${workspaceId} and id = ${id}
      and ((name is null and ${name}::text is not null) or (locale is null and ${locale}::text is not null)
        or (time_zone is null and ${timeZone}::text is not null))`.execute(tx);
}
