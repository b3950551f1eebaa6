// /api/v1/contact-imports: a contact CSV uploaded for a preview and a guessed mapping, run as a job with the
// mapping the person chose, polled for its progress, and its bad rows listed or downloaded as a CSV.
import { z } from "zod";
import { dateOf } from "../../clock.ts";
import { canEditContacts, canRead } from "../../domain/auth/permissions.ts";
import {
  createContactImport,
  getContactImport,
  importErrorsCsv,
  listImportErrors,
  queueContactImport,
} from "../../domain/contacts/import-files.ts";
import {
  contactImportSchema,
  importErrorPageSchema,
  importErrorsQuery,
  importMappingSchema,
} from "../../domain/contacts/import-schema.ts";
import { contactImportJob } from "../../jobs/contact-import.ts";
import { enqueue } from "../../jobs/enqueue.ts";
import { bodyBytes, contentTypeCharset } from "../body.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppEnv, AppDeps } from "../env.ts";
import type { Context } from "hono";

const base = "/api/v1/contact-imports";

const uploadQuery = z.object({
  fileName: z
    .string()
    .max(255)
    .optional()
    .describe("The file's name as the person chose it, shown with the import"),
});

/** A pull stream of text chunks, read a page at a time as the client takes them. */
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

const one = { tag: "Contacts", params: { id: "contact import" } } as const;

export function contactImportRoutes(deps: AppDeps) {
  const { db } = deps;
  const now = () => dateOf(deps.clock);
  return contractRoutes(base, [
    route(
      operation({
        operationId: "uploadContactImport",
        method: "post",
        path: base,
        summary: "Upload a contact CSV to import: its preview and a guessed mapping",
        description:
          "The file's bytes as the body (text/csv; UTF-8 with or without a BOM, UTF-16 with a BOM, Shift_JIS/CP932, or " +
          "the declared charset), at most 64 MB. Answers the detected encoding, the header, the first 10 rows and a " +
          "mapping guessed from the headers in Japanese or English; nothing is written to contacts until " +
          "`POST /api/v1/contact-imports/{id}/run`. Bytes that are not text are a 422 naming each line. Larger files: " +
          "`koe import contacts FILE`.",
        tag: "Contacts",
        query: uploadQuery,
        upload: {
          mediaTypes: ["text/csv"],
          description:
            "The CSV file as it is, with a header row; its charset may be declared (text/csv; charset=shift_jis)",
        },
        access: { allowed: canEditContacts, to: "import contacts" },
        success: { status: 201, schema: contactImportSchema },
      }),
      async (c, { query }) => {
        const bytes = await bodyBytes(c);
        const charset = contentTypeCharset(c.req.header("content-type"));
        return createContactImport(db, c.var.actor.workspaceId, {
          bytes,
          charset,
          fileName: query.fileName ?? "",
          now: now(),
        });
      },
    ),
    route(
      operation({
        ...one,
        operationId: "getContactImport",
        method: "get",
        path: `${base}/{id}`,
        summary: "A contact import: its preview, status, progress and counts",
        description:
          "Poll it while the import runs: `rowsDone` of `totalRows`, and how many rows created, updated, unchanged " +
          "(the contact already held every value: nothing written) or failed.",
        access: { allowed: canRead, to: "read contacts" },
        success: { status: 200, schema: contactImportSchema },
      }),
      async (c, { params }) => getContactImport(db, c.var.actor.workspaceId, params.id),
    ),
    route(
      operation({
        ...one,
        operationId: "runContactImport",
        method: "post",
        path: `${base}/{id}/run`,
        summary: "Run an uploaded import with a column mapping, as a background job",
        description:
          "Each column fills a field (email, name, phone, company, locale, timeZone, tags, externalId), becomes a typed " +
          "attribute, or is skipped; a column left out of the mapping is skipped. Rows are matched to contacts by " +
          "external id, else by email: a matched contact gets the row's non-empty values (an empty cell clears " +
          "nothing; tags are added; attributes merged), other rows create contacts; a company cell links the contact " +
          "to the company of that name, created if none. Tags in a cell are separated by `;`, `、` or `,`. Answers " +
          "at once (202) with the import queued; poll `GET /api/v1/contact-imports/{id}`. 409 when it already ran; " +
          "a failed import resumes where it stopped.",
        body: importMappingSchema,
        access: { allowed: canEditContacts, to: "import contacts" },
        success: { status: 202, schema: contactImportSchema },
        errors: [409],
      }),
      async (c, { params, body }) => {
        const workspaceId = c.var.actor.workspaceId;
        return queueContactImport(db, workspaceId, params.id, body, now(), (trx) =>
          enqueue(trx, contactImportJob, { workspaceId, importId: params.id }),
        );
      },
    ),
    route(
      operation({
        ...one,
        operationId: "listContactImportErrors",
        method: "get",
        path: `${base}/{id}/errors`,
        summary: "A contact import's bad rows: the first 100, with line, column and reason",
        query: importErrorsQuery,
        access: { allowed: canRead, to: "read contacts" },
        success: { status: 200, schema: importErrorPageSchema },
      }),
      async (c, { params, query }) =>
        listImportErrors(db, c.var.actor.workspaceId, params.id, query.locale ?? "en"),
    ),
    route(
      operation({
        ...one,
        operationId: "downloadContactImportErrors",
        method: "get",
        path: `${base}/{id}/errors.csv`,
        summary: "A contact import's error report as a CSV file",
        description:
          "UTF-8 with BOM (Excel opens it with Japanese intact), one line per bad cell: line, column, reason (in " +
          "`locale`), then the row's values under the file's own header, to fix and import again.",
        query: importErrorsQuery,
        access: { allowed: canRead, to: "read contacts" },
        success: {
          status: 200,
          mediaType: "text/csv",
          description: "The file (content-disposition: attachment; filename=contact-import-errors-<id>.csv)",
        },
      }),
      async (c: Context<AppEnv>, { params, query }) => {
        const ws = c.var.actor.workspaceId;
        await getContactImport(db, ws, params.id);
        return c.body(streamOf(importErrorsCsv(db, ws, params.id, query.locale ?? "en")), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="contact-import-errors-${params.id}.csv"`,
          "cache-control": "no-store",
        });
      },
    ),
  ]);
}
