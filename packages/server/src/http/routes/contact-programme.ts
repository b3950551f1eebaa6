// Contacts beyond the plain resource: the CSV export, a privacy request's export and erasure, and a
// company's timeline. Mounted before the resource routes so that /contacts/export.csv is not an id.
import { dateOf } from "../../clock.ts";
import { canHandlePrivacyRequests, canRead } from "../../domain/auth/permissions.ts";
import { contactFilter } from "../../domain/contacts/contact-schema.ts";
import { eraseContact, erasureSchema } from "../../domain/contacts/erase-contact.ts";
import { contactCsv, contactExportColumns } from "../../domain/contacts/export-contacts.ts";
import { exportContactData, privacyExportSchema } from "../../domain/contacts/privacy-export.ts";
import { companyTimelineSchema, getCompanyTimeline } from "../../domain/contacts/timeline.ts";
import { getWorkspace } from "../../domain/workspaces/workspace-settings.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

/** The clock's day in the workspace's time zone, YYYY-MM-DD: the file's name. */
const today = (timeZone: string, now: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);

/** A pull stream: the next page is read only when the client has taken the last one. */
function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

const base = "/api/v1/contacts";

export function contactProgrammeRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        operationId: "exportContactsCsv",
        method: "get",
        path: `${base}/export.csv`,
        summary: "Every contact matching the list's filters, as a CSV file",
        description:
          `UTF-8 with BOM (Excel opens Japanese right), RFC 4180, newest first, streamed. Columns: ` +
          `${contactExportColumns.join(", ")}, then attribute.<key> for each attribute key the contacts have; ` +
          `tags are joined by "; "; createdAt in the workspace's time zone. Cells a spreadsheet would run as a ` +
          `formula get a leading apostrophe.`,
        tag: "Contacts",
        query: contactFilter,
        access: { allowed: canRead, to: "export contacts" },
        success: {
          status: 200,
          mediaType: "text/csv",
          description: "The file (content-disposition: attachment; filename=koe-contacts-YYYY-MM-DD.csv)",
        },
      }),
      async (c, { query }) => {
        const ws = c.var.actor.workspaceId;
        const { timeZone } = await getWorkspace(db, ws);
        return c.body(streamOf(contactCsv(db, ws, query, { timeZone })), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="koe-contacts-${today(timeZone, dateOf(deps.clock))}.csv"`,
          "cache-control": "no-store",
        });
      },
    ),
    route(
      operation({
        operationId: "exportContactData",
        method: "get",
        path: `${base}/{id}/privacy-export`,
        summary: "A privacy request: everything Koe holds about one contact, as JSON (admins and up)",
        description:
          "The contact, their company, notes, sends, score clicks, messages (ledger and outbox), responses, " +
          "received and domain events, campaign audiences, cases, contact imports' bad rows that name them and " +
          "the suppression of their address. " +
          "Recorded in the audit log.",
        tag: "Contacts",
        params: { id: "contact" },
        access: { allowed: canHandlePrivacyRequests, to: "handle privacy requests" },
        success: { status: 200, schema: privacyExportSchema },
      }),
      async (c, { params }) => {
        const data = await exportContactData(db, c.var.actor, params.id, dateOf(deps.clock));
        c.header("content-disposition", `attachment; filename="koe-contact-${params.id}.json"`);
        c.header("cache-control", "no-store");
        return data;
      },
    ),
    route(
      operation({
        operationId: "eraseContact",
        method: "post",
        path: `${base}/{id}/erase`,
        summary:
          "A privacy request: erase a contact's personal data, keeping their scores anonymously (admins and up)",
        description:
          "Deletes the contact (email, name, phone, external id, attributes, tags, notes), their comments and " +
          "testimonial text, the metadata of their sends and received events, and the rendered mail to them; " +
          "queued messages to them are skipped. Their responses stay without contact or comment, so reports and " +
          "rollups do not change. Their address stays on (or joins) the suppression list so Koe never emails " +
          "them again. Recorded in the audit log by id and counts. Cannot be undone.",
        tag: "Contacts",
        params: { id: "contact" },
        access: { allowed: canHandlePrivacyRequests, to: "handle privacy requests" },
        success: { status: 200, schema: erasureSchema },
      }),
      async (c, { params }) => eraseContact(db, c.var.actor, params.id, dateOf(deps.clock)),
    ),
  ]);
}

export function companyActivityRoutes(deps: AppDeps) {
  const companies = "/api/v1/companies";
  return contractRoutes(companies, [
    route(
      operation({
        operationId: "getCompanyTimeline",
        method: "get",
        path: `${companies}/{id}/timeline`,
        summary: "A company's timeline, newest first: its contacts' sends, responses and notes",
        description: "As a contact's timeline, each entry naming its contact; the newest 100.",
        tag: "Companies",
        params: { id: "company" },
        access: { allowed: canRead, to: "read companies" },
        success: { status: 200, schema: companyTimelineSchema },
      }),
      async (c, { params }) => ({
        data: await getCompanyTimeline(deps.db, c.var.actor.workspaceId, params.id),
      }),
    ),
  ]);
}
