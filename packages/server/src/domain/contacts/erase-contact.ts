// A privacy request's erasure: the contact's personal data goes, their scores stay anonymously. In one
// transaction: their responses lose the contact, comment, testimonial and metadata (score, survey,
// touchpoint, channel and time stay, so every NPS report and rollup is unchanged); their sends lose the
// contact and metadata, queued messages to them are skipped, the ledger's server replies and the outbox's
// rendered mail to them are deleted; score clicks lose their user agent; received events lose the contact
// and metadata; Koe's own events lose their address; the contact row goes with its notes, cases and
// campaign audience entries; contact imports lose the uploaded files and first rows they keep, and the
// bad rows that name them. Their address stays (or is put) on the suppression list, so a later import or
// event cannot make Koe email them again: keeping an address only to honour "never contact me" is what the
// suppression list is for (docs/PRIVACY.md). The erasure is recorded in the audit log, by id and counts only.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { Actor } from "../auth/actor.ts";
import { auditActorOf, recordAudit } from "../audit/audit-log.ts";
import { NotFoundError } from "../errors.ts";

/** Why a queued message was not sent, and the suppression's source. */
export const ERASED = "erased";

export const erasureSchema = z
  .object({
    contactId: z.string(),
    responsesAnonymised: z.number().int(),
    sendsAnonymised: z.number().int(),
    messagesSkipped: z.number().int().describe("Queued messages to them that will not leave"),
    messagesDeleted: z.number().int().describe("Rendered messages to them deleted from the outbox"),
    eventsAnonymised: z.number().int(),
    notesDeleted: z.number().int(),
    suppressed: z
      .boolean()
      .describe("Their address is on the suppression list (it was, or was put there now)"),
  })
  .meta({ id: "ContactErasure" });
export type Erasure = z.output<typeof erasureSchema>;

const count = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);

export async function eraseContact(db: Db, actor: Actor, contactId: string, now: Date): Promise<Erasure> {
  const ws = actor.workspaceId;
  const who = await auditActorOf(db, actor);
  return db.transaction().execute(async (trx) => {
    const contact = await trx
      .selectFrom("contacts")
      .select(["id", "email", "external_id"])
      .where("workspace_id", "=", ws)
      .where("id", "=", contactId)
      .forUpdate()
      .executeTakeFirst();
    if (!contact) throw new NotFoundError(`contact ${contactId} not found`);
    const email = contact.email;

    const responses = await trx
      .updateTable("responses")
      .set({
        contact_id: null,
        comment: null,
        testimonial_consent_text: null,
        testimonial_consent_at: null,
        contact_preference: null,
        metadata: "{}",
      })
      .where("workspace_id", "=", ws)
      .where("contact_id", "=", contactId)
      .returning("id")
      .execute();

    const sends = await trx
      .selectFrom("sends")
      .select("id")
      .where("workspace_id", "=", ws)
      .where("contact_id", "=", contactId)
      .execute();
    const sendIds = sends.map((s) => s.id);
    let skipped = 0;
    let deleted = 0;
    if (sendIds.length) {
      const messageIds = await trx
        .selectFrom("deliveries")
        .select("message_id")
        .where("workspace_id", "=", ws)
        .where("send_id", "in", sendIds)
        .execute();
      skipped = count(
        await trx
          .updateTable("deliveries")
          .set({ status: "skipped", reason: ERASED, due_at: now })
          .where("workspace_id", "=", ws)
          .where("send_id", "in", sendIds)
          .where("status", "=", "queued")
          .executeTakeFirst(),
      );
      // A server's reply may quote the address.
      await trx
        .updateTable("deliveries")
        .set({ error: null })
        .where("workspace_id", "=", ws)
        .where("send_id", "in", sendIds)
        .where("error", "is not", null)
        .execute();
      if (messageIds.length)
        deleted += count(
          await trx
            .deleteFrom("outbox")
            .where("workspace_id", "=", ws)
            .where(
              "message_id",
              "in",
              messageIds.map((m) => m.message_id),
            )
            .executeTakeFirst(),
        );
      await trx
        .updateTable("intents")
        .set({ user_agent: null })
        .where("workspace_id", "=", ws)
        .where("send_id", "in", sendIds)
        .execute();
      // `test` marks a campaign's test send, which the rollups leave out: it stays.
      await trx
        .updateTable("sends")
        .set({
          contact_id: null,
          metadata: sql`case when metadata ? 'test' then jsonb_build_object('test', metadata -> 'test') else '{}'::jsonb end`,
        })
        .where("workspace_id", "=", ws)
        .where("id", "in", sendIds)
        .execute();
    }
    if (email)
      deleted += count(
        await trx
          .deleteFrom("outbox")
          .where("workspace_id", "=", ws)
          .where("to_address", "=", email)
          .executeTakeFirst(),
      );

    const events = await trx
      .updateTable("events")
      .set({ contact_id: null, metadata: "{}" })
      .where("workspace_id", "=", ws)
      .where("contact_id", "=", contactId)
      .executeTakeFirst();
    // Koe's own events: the contact's address and external id, and the link from their sends and responses.
    await sql`
      update domain_events set payload = payload
        || case when payload ? 'email' then jsonb_build_object('email', case when type = 'contact.unsubscribed' then '' end) else '{}'::jsonb end
        || case when payload ? 'externalId' then '{"externalId": null}'::jsonb else '{}'::jsonb end
      where workspace_id = ${ws} and subject_id = ${contactId}`.execute(trx);
    await sql`
      update domain_events set payload = jsonb_set(payload, '{contactId}', 'null')
      where workspace_id = ${ws} and payload ->> 'contactId' = ${contactId}`.execute(trx);

    if (email) {
      await trx
        .insertInto("suppressions")
        .values({ workspace_id: ws, email, reason: "manual", source: ERASED, created_at: now })
        .onConflict((oc) => oc.columns(["workspace_id", "email"]).doNothing())
        .execute();
    }
    await scrubImports(trx, ws, email, contact.external_id);
    const notes = await trx
      .selectFrom("contact_notes")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("workspace_id", "=", ws)
      .where("contact_id", "=", contactId)
      .executeTakeFirstOrThrow();
    // Notes, cases and campaign audience entries go with the row (ON DELETE CASCADE).
    await trx.deleteFrom("contacts").where("workspace_id", "=", ws).where("id", "=", contactId).execute();

    const erasure: Erasure = {
      contactId,
      responsesAnonymised: responses.length,
      sendsAnonymised: sendIds.length,
      messagesSkipped: skipped,
      messagesDeleted: deleted,
      eventsAnonymised: count(events),
      notesDeleted: Number(notes.n),
      suppressed: email !== null,
    };
    const { contactId: _, ...details } = erasure;
    await recordAudit(trx, {
      workspaceId: ws,
      actor: who,
      action: "contact.erased",
      subjectType: "contact",
      subjectId: contactId,
      details,
      at: now,
    });
    return erasure;
  });
}

/**
 * Contact imports may hold the person's row: an upload's file (kept until its run is done, in any encoding
 * and letter case, so it cannot be searched for them) and its first rows lose both, on every import not
 * queued or running (a run clears them when it ends); such an upload must be uploaded again to run, and
 * says so. The bad rows kept for the error report that name their address or external id are deleted.
 */
async function scrubImports(trx: Db, ws: string, email: string | null, externalId: string | null) {
  await trx
    .updateTable("contact_imports")
    .set({ file: null, preview: "[]" })
    .where("workspace_id", "=", ws)
    .where("status", "in", ["uploaded", "failed", "done"])
    .where((eb) => eb.or([eb("file", "is not", null), sql<boolean>`preview <> '[]'::jsonb`]))
    .execute();
  if (email === null && externalId === null) return;
  await sql`
    delete from contact_import_errors e where e.workspace_id = ${ws} and exists (
      select 1 from jsonb_array_elements_text(e.record) as cell(v)
      where lower(trim(cell.v)) = ${email}::text or trim(cell.v) = ${externalId}::text)`.execute(trx);
}
