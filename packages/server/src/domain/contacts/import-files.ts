// A contact import's life outside its run: the uploaded file read once for its preview (encoding, header,
// first rows, guessed mapping, row count) and kept server-side; the mapping chosen and the run queued; the
// import as the admin app polls it; its bad rows as a list and as the downloadable error report.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { ContactImportTable } from "../../db/schema.ts";
import type { Selectable } from "kysely";
import { CsvRowReader, type StreamedRow } from "../csv/csv-stream.ts";
import { csvEncoding, decodeCsv } from "../csv/decode-csv.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { csvLine, UTF8_BOM } from "../responses/csv-cells.ts";
import { checkMapping, guessMapping } from "./import-mapping.ts";
import { describeReason } from "./import-reasons.ts";
import type { ImportSource } from "./import-run.ts";
import type { ColumnMapping, ContactImport, ImportMapping } from "./import-schema.ts";

const PREVIEW_ROWS = 10;
/** The bytes read from the database at a time when a run streams an uploaded file. */
const READ_BYTES = 1 << 20;

type ImportRow = Selectable<ContactImportTable>;

const mappingOf = (v: unknown): ImportMapping | null =>
  v === null || v === undefined ? null : ((typeof v === "string" ? JSON.parse(v) : v) as ImportMapping);

export function toContactImport(r: Omit<ImportRow, "file">): ContactImport {
  return {
    id: r.id,
    fileName: r.file_name,
    source: r.source,
    byteSize: r.byte_size,
    encoding: r.encoding,
    columns: r.columns,
    preview: r.preview,
    guessedMapping: guessMapping(r.columns, r.preview),
    mapping: mappingOf(r.mapping),
    status: r.status,
    totalRows: r.total_rows,
    rowsDone: r.rows_done,
    created: r.created_count,
    updated: r.updated_count,
    unchanged: r.unchanged_count,
    failed: r.failed_count,
    error: r.error,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

const fields = [
  "workspace_id",
  "id",
  "file_name",
  "source",
  "byte_size",
  "encoding",
  "columns",
  "preview",
  "total_rows",
  "mapping",
  "status",
  "rows_done",
  "created_count",
  "updated_count",
  "unchanged_count",
  "failed_count",
  "error",
  "created_at",
  "updated_at",
  "started_at",
  "finished_at",
] as const;

/** The header, the first rows and the number of data rows of decoded CSV text. */
export function previewOf(text: string): { columns: string[]; preview: string[][]; rows: number } {
  const reader = new CsvRowReader();
  let columns: string[] | undefined;
  const preview: string[][] = [];
  let rows = 0;
  let unclosed: number | undefined;
  const take = (records: StreamedRow[]) => {
    for (const r of records) {
      if (r.unclosedQuote) unclosed ??= r.line;
      if (!columns) columns = r.cells;
      else if (r.cells.some((c) => c !== "")) {
        rows++;
        if (preview.length < PREVIEW_ROWS) preview.push(r.cells);
      }
    }
  };
  for (let i = 0; i < text.length; i += 1 << 16) take(reader.push(text.slice(i, i + (1 << 16))));
  take(reader.end());
  if (!columns || columns.every((c) => c === ""))
    throw new ValidationError([
      { path: "csv", message: "the file is empty: it needs a header row and rows" },
    ]);
  // The rest of the file after a quote never closed is one value: importing it would report one bad row
  // and leave out every row after it, so the file is refused with the line to fix.
  if (unclosed !== undefined)
    throw new ValidationError([
      {
        path: "csv",
        message: `a quote opened on line ${unclosed} is never closed, so the rest of the file reads as one value; close it (a quote inside a value is written twice: "")`,
      },
    ]);
  if (rows === 0)
    throw new ValidationError([
      { path: "csv", message: "the file has a header row but no rows of contacts under it" },
    ]);
  return { columns, preview, rows };
}

/**
 * Keeps an uploaded file for an import: decoded once to refuse bytes that are not text (naming their lines)
 * and to read its preview. Nothing is written to contacts until the import runs.
 */
export async function createContactImport(
  db: Db,
  workspaceId: string,
  input: { bytes: Uint8Array; fileName: string; charset?: string | null | undefined; now: Date },
): Promise<ContactImport> {
  const { text, encoding } = decodeCsv(input.bytes, input.charset);
  const { columns, preview, rows } = previewOf(text);
  const row = await db
    .insertInto("contact_imports")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      file_name: input.fileName.slice(0, 255),
      source: "upload",
      file: input.bytes,
      byte_size: input.bytes.byteLength,
      encoding,
      columns: JSON.stringify(columns),
      preview: JSON.stringify(preview),
      total_rows: rows,
      status: "uploaded",
      created_at: input.now,
      updated_at: input.now,
    })
    .returning(fields)
    .executeTakeFirstOrThrow();
  return toContactImport(row);
}

/** An import started from the terminal: the file stays on disk, read by the command as it runs. */
export async function createCliImport(
  db: Db,
  workspaceId: string,
  input: {
    fileName: string;
    byteSize: number;
    encoding: string;
    columns: string[];
    preview: string[][];
    now: Date;
  },
): Promise<ContactImport> {
  const row = await db
    .insertInto("contact_imports")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      file_name: input.fileName.slice(0, 255),
      source: "cli",
      byte_size: input.byteSize,
      encoding: input.encoding,
      columns: JSON.stringify(input.columns),
      preview: JSON.stringify(input.preview),
      status: "queued",
      created_at: input.now,
      updated_at: input.now,
    })
    .returning(fields)
    .executeTakeFirstOrThrow();
  return toContactImport(row);
}

export async function getContactImport(db: Db, workspaceId: string, id: string): Promise<ContactImport> {
  const row = await db
    .selectFrom("contact_imports")
    .select(fields)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`contact import ${id} not found`);
  return toContactImport(row);
}

/**
 * Sets the mapping and queues the run, in one transaction with `enqueue` (the caller's job queue), so a
 * queued import always has its job. An import runs once: a second run is a conflict, unless the first
 * failed (it then resumes after its last written rows, with the mapping it had).
 */
export async function queueContactImport(
  db: Db,
  workspaceId: string,
  id: string,
  mapping: ImportMapping,
  now: Date,
  enqueue: (trx: Db) => Promise<unknown>,
): Promise<ContactImport> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("contact_imports")
      .select(["status", "columns", "mapping"])
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`contact import ${id} not found`);
    if (row.status !== "uploaded" && row.status !== "failed")
      throw new ConflictError(`this import is ${row.status}; upload the file again to import it again`);
    const checked = row.status === "failed" && row.mapping ? mappingOf(row.mapping)! : mapping;
    checkMapping(checked, row.columns);
    const updated = await trx
      .updateTable("contact_imports")
      .set({
        mapping: JSON.stringify(checked),
        status: "queued",
        error: null,
        updated_at: now,
        finished_at: null,
      })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .returning(fields)
      .executeTakeFirstOrThrow();
    await enqueue(trx);
    return toContactImport(updated);
  });
}

/** What a queued import's job needs: its mapping, one entry per column, and its file as a stream. */
export async function importToRun(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<{ mapping: ColumnMapping[]; source: ImportSource; status: string } | undefined> {
  const row = await db
    .selectFrom("contact_imports")
    .select([
      "status",
      "columns",
      "mapping",
      "encoding",
      "byte_size",
      sql<Uint8Array | null>`substring(file from 1 for 4)`.as("head"),
    ])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const mapping = checkMapping(mappingOf(row.mapping) ?? { columns: [] }, row.columns);
  const head = row.head ?? new Uint8Array();
  const { bomLength } = csvEncoding(head, row.encoding, () => true);
  const size = row.byte_size;
  return {
    status: row.status,
    mapping,
    source: {
      encoding: row.encoding,
      bomLength,
      byteSize: size,
      async *chunks() {
        for (let at = 0; at < size; at += READ_BYTES) {
          const part = await db
            .selectFrom("contact_imports")
            .select(sql<Uint8Array>`substring(file from ${at + 1}::int for ${READ_BYTES}::int)`.as("part"))
            .where("workspace_id", "=", workspaceId)
            .where("id", "=", id)
            .executeTakeFirst();
          if (!part?.part) throw new ConflictError("the import's file is gone; upload it again");
          yield part.part;
        }
      },
    },
  };
}

export interface ImportErrorRow {
  line: number;
  column: string;
  reason: string;
  detail: string;
  message: string;
}

/** The first `limit` bad cells in line order, worded in `locale`, and how many there are. */
export async function listImportErrors(
  db: Db,
  workspaceId: string,
  id: string,
  locale: "ja" | "en",
  limit = 100,
): Promise<{ data: ImportErrorRow[]; total: number }> {
  await getContactImport(db, workspaceId, id);
  const [rows, total] = await Promise.all([
    db
      .selectFrom("contact_import_errors")
      .select(["line", "column_name", "reason", "detail"])
      .where("workspace_id", "=", workspaceId)
      .where("import_id", "=", id)
      .orderBy("line")
      .orderBy("n")
      .limit(limit)
      .execute(),
    db
      .selectFrom("contact_import_errors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", workspaceId)
      .where("import_id", "=", id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((r) => ({
      line: r.line,
      column: r.column_name,
      reason: r.reason,
      detail: r.detail,
      message: describeReason(locale, r.reason, r.detail),
    })),
    total: Number(total.n),
  };
}

/**
 * The error report: UTF-8 with a BOM (Excel reads it as UTF-8), one line per bad cell: line, column,
 * reason, then the row's cells under the file's own header, so a person can fix them and import again.
 * Read a page at a time, so a file with many bad rows is never held whole.
 */
export async function* importErrorsCsv(
  db: Db,
  workspaceId: string,
  id: string,
  locale: "ja" | "en",
): AsyncGenerator<string> {
  const imp = await getContactImport(db, workspaceId, id);
  const head = locale === "ja" ? ["行", "列", "理由"] : ["line", "column", "reason"];
  yield UTF8_BOM + csvLine([...head, ...imp.columns]);
  let after = { line: 0, n: -1 };
  for (;;) {
    const page = await db
      .selectFrom("contact_import_errors")
      .select(["line", "n", "column_name", "reason", "detail", "record"])
      .where("workspace_id", "=", workspaceId)
      .where("import_id", "=", id)
      .where((eb) =>
        eb.or([eb("line", ">", after.line), eb.and([eb("line", "=", after.line), eb("n", ">", after.n)])]),
      )
      .orderBy("line")
      .orderBy("n")
      .limit(1_000)
      .execute();
    if (page.length === 0) return;
    let text = "";
    for (const r of page)
      text += csvLine([r.line, r.column_name, describeReason(locale, r.reason, r.detail), ...r.record]);
    yield text;
    const last = page.at(-1)!;
    after = { line: last.line, n: last.n };
  }
}
