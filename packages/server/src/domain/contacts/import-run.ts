// Runs a contact import over its file as a stream: bytes decoded chunk by chunk, records cut as they come
// (csv/csv-stream.ts), each row checked against the mapping (import-rows.ts), duplicates in the file found
// by their keys (import-seen-keys.ts), and every few thousand rows one transaction that writes the good
// rows (import-merge.ts), records the bad ones with line, column and reason, and moves the import's
// progress and counts on. Memory stays flat whatever the file's size: only one chunk of rows is held, and
// the keys seen so far at 12 bytes each. A run that stops midway (a crash, a killed job) resumes after the
// last committed chunk: the rows before it are read again only to remember their keys.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { CsvRowReader, decodedChunks, type StreamedRow } from "../csv/csv-stream.ts";
import { NotFoundError } from "../errors.ts";
import { inChunkTransaction } from "../../db/copy-contact-chunk.ts";
import { mergeContacts, type MergeConflict } from "./import-merge.ts";
import { prepareRow, type CellIssue, type ImportContact } from "./import-rows.ts";
import { SeenKeys } from "./import-seen-keys.ts";
import type { ColumnMapping } from "./import-schema.ts";

export interface ImportCounts {
  rowsDone: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ImportProgress extends ImportCounts {
  /** Bytes of the file read so far, of `bytesTotal`. */
  bytesDone: number;
  bytesTotal: number;
  totalRows: number | null;
}

/** The file's bytes as chunks, read from its start, and how to decode them (decode-csv.ts's csvEncoding). */
export interface ImportSource {
  chunks(): AsyncIterable<Uint8Array>;
  encoding: string;
  /** Bytes of a byte-order mark to leave out. */
  bomLength: number;
  byteSize: number;
}

export interface RunOptions {
  workspaceId: string;
  importId: string;
  source: ImportSource;
  /** One entry per column (import-mapping.ts's checkMapping). */
  mapping: readonly ColumnMapping[];
  now: () => Date;
  /** Rows per transaction. */
  chunkRows?: number;
  onProgress?: (p: ImportProgress) => void;
}

const CHUNK_ROWS = 5_000;

interface BadRow {
  line: number;
  cells: readonly string[];
  issues: CellIssue[];
}

/** True when a record holds no value at all (a blank row Excel wrote as ",,,"): skipped, not counted. */
const isEmptyRecord = (cells: readonly string[]): boolean => cells.every((c) => c === "");

/** Runs the import to its end (or from where a stopped run left it) and returns its counts. */
export async function runContactImport(db: Db, opts: RunOptions): Promise<ImportCounts> {
  const { workspaceId, importId, source, mapping } = opts;
  const chunkRows = opts.chunkRows ?? CHUNK_ROWS;
  const start = await db
    .updateTable("contact_imports")
    .set((eb) => ({
      status: "running",
      started_at: eb.fn.coalesce("started_at", sql<Date>`${opts.now()}::timestamptz`),
      updated_at: opts.now(),
      error: null,
    }))
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", importId)
    .returning([
      "columns",
      "total_rows",
      "rows_done",
      "created_count",
      "updated_count",
      "unchanged_count",
      "failed_count",
    ])
    .executeTakeFirst();
  if (!start) throw new NotFoundError(`contact import ${importId} not found`);
  const counts: ImportCounts = {
    rowsDone: start.rows_done,
    created: start.created_count,
    updated: start.updated_count,
    unchanged: start.unchanged_count,
    failed: start.failed_count,
  };
  const resumeAfter = start.rows_done;
  const seen = new SeenKeys(start.total_rows ?? 1024);
  let columns: string[] | undefined;
  let index = 0;
  let bytesDone = 0;
  let good: ImportContact[] = [];
  let bad: BadRow[] = [];
  let cellsOf = new Map<number, readonly string[]>();

  const progress = () =>
    opts.onProgress?.({ ...counts, bytesDone, bytesTotal: source.byteSize, totalRows: start.total_rows });

  const flush = async () => {
    const rows = good.length + bad.length;
    if (rows === 0) return;
    const now = opts.now();
    await inChunkTransaction(db, async (trx, copy) => {
      const merged = await mergeContacts(trx, workspaceId, good, now, copy);
      const failed = [...bad, ...merged.conflicts.map((c) => conflictRow(c, cellsOf))];
      await recordBadRows(trx, workspaceId, importId, failed);
      counts.rowsDone += rows;
      counts.created += merged.created;
      counts.updated += merged.updated;
      counts.unchanged += merged.unchanged;
      counts.failed += failed.length;
      await trx
        .updateTable("contact_imports")
        .set({
          rows_done: counts.rowsDone,
          created_count: counts.created,
          updated_count: counts.updated,
          unchanged_count: counts.unchanged,
          failed_count: counts.failed,
          updated_at: now,
        })
        .where("workspace_id", "=", workspaceId)
        .where("id", "=", importId)
        .execute();
    });
    good = [];
    bad = [];
    cellsOf = new Map();
    progress();
  };

  const take = (row: StreamedRow): void => {
    if (!columns) {
      columns = row.cells;
      return;
    }
    if (isEmptyRecord(row.cells)) return;
    index++;
    const replay = index <= resumeAfter;
    if (row.problem) {
      if (!replay)
        bad.push({
          line: row.line,
          cells: row.cells,
          issues: [{ column: "", reason: "malformed", detail: row.problem }],
        });
      return;
    }
    const prepared = prepareRow(row.line, row.cells, columns, mapping, source.encoding);
    if (prepared.issues) {
      if (!replay) bad.push({ line: row.line, cells: row.cells, issues: prepared.issues });
      return;
    }
    const c = prepared.contact;
    const issues: CellIssue[] = [];
    const emailColumn = columns[mapping.find((m) => m.field === "email")?.column ?? -1] ?? "";
    const externalColumn = columns[mapping.find((m) => m.field === "externalId")?.column ?? -1] ?? "";
    // Keys are remembered only when free, so a row left out takes none from a later one.
    const emailFirst = c.email === null ? undefined : seen.firstLine(`e${c.email}`, row.line);
    const externalFirst = c.externalId === null ? undefined : seen.firstLine(`x${c.externalId}`, row.line);
    if (emailFirst !== undefined)
      issues.push({ column: emailColumn, reason: "duplicate_email", detail: String(emailFirst) });
    if (externalFirst !== undefined)
      issues.push({ column: externalColumn, reason: "duplicate_external_id", detail: String(externalFirst) });
    if (replay) return;
    if (issues.length) bad.push({ line: row.line, cells: row.cells, issues });
    else {
      good.push(c);
      cellsOf.set(row.line, row.cells);
    }
  };

  const reader = new CsvRowReader();
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source.chunks()) {
      bytesDone += chunk.byteLength;
      yield chunk;
    }
  }
  for await (const text of decodedChunks(counted(), source.encoding, source.bomLength)) {
    for (const row of reader.push(text)) {
      take(row);
      if (good.length + bad.length >= chunkRows) await flush();
    }
  }
  for (const row of reader.end()) take(row);
  await flush();

  const finished = opts.now();
  await db
    .updateTable("contact_imports")
    .set({
      status: "done",
      finished_at: finished,
      updated_at: finished,
      // The file and its first rows hold people's data; the summary needs neither (its bad rows stay).
      file: null,
      preview: "[]",
      total_rows: counts.rowsDone,
    })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", importId)
    .execute();
  progress();
  return counts;
}

function conflictRow(c: MergeConflict, cellsOf: Map<number, readonly string[]>): BadRow {
  return {
    line: c.line,
    cells: cellsOf.get(c.line) ?? [],
    issues: [{ column: "", reason: c.reason, detail: c.detail }],
  };
}

async function recordBadRows(trx: Db, workspaceId: string, importId: string, rows: BadRow[]): Promise<void> {
  const values = rows.flatMap((r) =>
    r.issues.map((issue, n) => ({
      workspace_id: workspaceId,
      import_id: importId,
      line: r.line,
      n,
      column_name: issue.column,
      reason: issue.reason,
      detail: issue.detail ?? "",
      record: JSON.stringify(r.cells),
    })),
  );
  for (let i = 0; i < values.length; i += 2_000)
    await trx
      .insertInto("contact_import_errors")
      .values(values.slice(i, i + 2_000))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** Marks an import failed with the reason its run stopped (the rows written before stay written). */
export async function failContactImport(
  db: Db,
  workspaceId: string,
  importId: string,
  error: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable("contact_imports")
    .set({ status: "failed", error: error.slice(0, 1000), updated_at: now, finished_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", importId)
    .execute();
}
