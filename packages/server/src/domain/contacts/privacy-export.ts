// A privacy request's export (APPI / GDPR access request): everything Koe holds about one contact, as JSON —
// the contact, their company, notes, sends with their score clicks and messages (the ledger and, without
// SMTP, the rendered mail), responses, received and domain events, campaign audiences, cases, the bad rows
// of contact imports that name them and the suppression of their address. Rows are given as stored, with
// camelCase keys and ISO times.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { Actor } from "../auth/actor.ts";
import { auditActorOf, recordAudit } from "../audit/audit-log.ts";
import { toCompany } from "../companies/companies.ts";
import { companySchema } from "../companies/company-schema.ts";
import { timeOut } from "../fields.ts";
import { getRow } from "../rows.ts";
import { contactSchema } from "./contact-schema.ts";
import { toContact } from "./contacts.ts";

const rows = z.array(z.record(z.string(), z.unknown()));

export const privacyExportSchema = z
  .object({
    exportedAt: timeOut,
    contact: contactSchema,
    company: companySchema.nullable(),
    notes: rows,
    sends: rows.describe("The survey invitations sent to them"),
    intents: rows.describe("Score clicks on their personal links (confirmed or not)"),
    deliveries: rows.describe("The delivery ledger's messages of their sends"),
    messages: rows.describe("Rendered mail kept in the outbox (no SMTP server), addressed to them"),
    responses: rows,
    events: rows.describe("Events received from the workspace's systems about them"),
    domainEvents: rows.describe("Koe's own records of what happened to them, their sends and responses"),
    campaigns: rows.describe("Campaign audiences they were chosen for by name"),
    cases: rows.describe("Follow-up cases about them"),
    importErrors: rows.describe(
      "Bad rows of contact imports, kept for the error report, that hold their address or external id",
    ),
    suppression: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("Their address on the suppression list"),
  })
  .meta({ id: "PrivacyExport" });
export type PrivacyExport = z.output<typeof privacyExportSchema>;

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A row with camelCase keys and ISO times; the workspace id is left out (the export is of one workspace). */
function plain(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "workspace_id") continue;
    out[camel(key)] =
      value instanceof Date ? value.toISOString() : typeof value === "bigint" ? Number(value) : value;
  }
  return out;
}

export async function exportContactData(
  db: Db,
  actor: Actor,
  contactId: string,
  now: Date,
): Promise<PrivacyExport> {
  const ws = actor.workspaceId;
  const contact = await getRow(db, "contacts", ws, contactId);
  const company = contact.company_id
    ? await db
        .selectFrom("companies")
        .selectAll()
        .where("workspace_id", "=", ws)
        .where("id", "=", contact.company_id)
        .executeTakeFirst()
    : undefined;
  const notes = await db
    .selectFrom("contact_notes")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("contact_id", "=", contactId)
    .orderBy("created_at")
    .execute();
  const sends = await db
    .selectFrom("sends")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("contact_id", "=", contactId)
    .orderBy("created_at")
    .execute();
  const sendIds = sends.map((s) => s.id);
  const ofSends = <T>(read: (ids: string[]) => Promise<T[]>) =>
    sendIds.length ? read(sendIds) : Promise.resolve([]);
  const intents = await ofSends((ids) =>
    db
      .selectFrom("intents")
      .selectAll()
      .where("workspace_id", "=", ws)
      .where("send_id", "in", ids)
      .orderBy("created_at")
      .execute(),
  );
  const deliveries = await ofSends((ids) =>
    db
      .selectFrom("deliveries")
      .selectAll()
      .where("workspace_id", "=", ws)
      .where("send_id", "in", ids)
      .orderBy("created_at")
      .execute(),
  );
  const messageIds = deliveries.map((d) => d.message_id);
  const messages = await db
    .selectFrom("outbox")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where((eb) =>
      eb.or([
        ...(contact.email ? [eb("to_address", "=", contact.email)] : []),
        ...(messageIds.length ? [eb("message_id", "in", messageIds)] : []),
        eb.val(false),
      ]),
    )
    .orderBy("created_at")
    .execute();
  const responses = await db
    .selectFrom("responses")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("contact_id", "=", contactId)
    .orderBy("created_at")
    .execute();
  const events = await db
    .selectFrom("events")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("contact_id", "=", contactId)
    .orderBy("received_at")
    .execute();
  const subjects = [contactId, ...sendIds, ...responses.map((r) => r.id)];
  const { rows: domainEvents } = await sql<Record<string, unknown>>`
    select id, type, subject_id, payload, created_at from domain_events
    where workspace_id = ${ws} and subject_id = any(${subjects}::uuid[])
    order by id`.execute(db);
  const campaigns = await db
    .selectFrom("campaign_contacts as cc")
    .innerJoin("campaigns as c", (j) =>
      j.onRef("c.workspace_id", "=", "cc.workspace_id").onRef("c.id", "=", "cc.campaign_id"),
    )
    .select(["c.id", "c.name", "c.status"])
    .where("cc.workspace_id", "=", ws)
    .where("cc.contact_id", "=", contactId)
    .execute();
  const cases = await db
    .selectFrom("cases")
    .selectAll()
    .where("workspace_id", "=", ws)
    .where("contact_id", "=", contactId)
    .execute();
  const { rows: importErrors } = await sql<Record<string, unknown>>`
    select import_id, line, column_name, reason, detail, record from contact_import_errors e
    where e.workspace_id = ${ws} and exists (
      select 1 from jsonb_array_elements_text(e.record) as cell(v)
      where lower(trim(cell.v)) = ${contact.email}::text or trim(cell.v) = ${contact.external_id}::text)
    order by import_id, line, n`.execute(db);
  const suppression = contact.email
    ? await db
        .selectFrom("suppressions")
        .selectAll()
        .where("workspace_id", "=", ws)
        .where("email", "=", contact.email)
        .executeTakeFirst()
    : undefined;
  const data: PrivacyExport = {
    exportedAt: now.toISOString(),
    contact: toContact(contact),
    company: company ? toCompany(company) : null,
    notes: notes.map(plain),
    sends: sends.map(plain),
    intents: intents.map(plain),
    deliveries: deliveries.map(plain),
    messages: messages.map(plain),
    responses: responses.map(plain),
    events: events.map(plain),
    domainEvents: domainEvents.map(plain),
    campaigns: campaigns.map(plain),
    cases: cases.map(plain),
    importErrors: importErrors.map(plain),
    suppression: suppression ? plain(suppression) : null,
  };
  await recordAudit(db, {
    workspaceId: ws,
    actor: await auditActorOf(db, actor),
    action: "contact.privacy_exported",
    subjectType: "contact",
    subjectId: contactId,
    details: {
      sends: sends.length,
      responses: responses.length,
      notes: notes.length,
      messages: deliveries.length + messages.length,
      events: events.length,
    },
    at: now,
  });
  return data;
}
