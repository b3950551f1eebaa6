// `koe import contacts FILE [--workspace ID] [--mapping "header=field,…"] [--errors REPORT.csv]`: the admin
// app's contact import from the terminal, for files of any size. The file is read as a stream three times
// (is it UTF-8, its header and first rows, the run), never held whole; the run is the same domain function
// the import job runs (domain/contacts/import-run.ts) and is recorded as an import the admin app lists,
// with its bad rows. Progress goes to stderr: a bar redrawn in place on a terminal, a plain line every
// 10 % otherwise (a log file or CI). One function, importContacts, takes the file as re-readable chunks, so
// the caller decides where the bytes come from (a path here, or a request body when a running server
// runs the command for this process).
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { basename } from "node:path";
import { dateOf, type Clock } from "../clock.ts";
import { ConfigError } from "../config.ts";
import type { Db } from "../db/open.ts";
import { createCliImport, importErrorsCsv, listImportErrors } from "../domain/contacts/import-files.ts";
import { attributeKey, checkMapping, guessMapping, headerKey } from "../domain/contacts/import-mapping.ts";
import { failContactImport, runContactImport, type ImportProgress } from "../domain/contacts/import-run.ts";
import {
  attributeTypes,
  importFields,
  type AttributeType,
  type ColumnMapping,
  type ImportField,
} from "../domain/contacts/import-schema.ts";
import { CsvRowReader, decodedChunks, isUtf8Stream } from "../domain/csv/csv-stream.ts";
import { csvEncoding } from "../domain/csv/decode-csv.ts";
import { getWorkspaceDetail, ensureDefaultWorkspace } from "../domain/workspaces/workspaces.ts";

export const importUsage = `koe import contacts FILE [--workspace ID] [--mapping "header=field,…"] [--errors REPORT.csv]
                                          import contacts from a CSV file (UTF-8, UTF-16 or Shift_JIS), with a progress bar;
                                          fields: ${importFields.join(" ")}; attribute:TYPE (${attributeTypes.join("|")})`;

/** The file to import, readable from its start as many times as asked. */
export interface ImportFile {
  name: string;
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

/** A file on this machine's disk. */
export async function fileOnDisk(path: string): Promise<ImportFile> {
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw new ConfigError(`cannot read ${path}`);
    },
  );
  return {
    name: basename(path),
    size,
    chunks: () => createReadStream(path, { highWaterMark: 1 << 20 }),
  };
}

/** Where the command's words go: `print` a line of stdout; `progress` text for stderr (\r redraws on a TTY). */
export interface ImportOutput {
  print(line: string): void;
  progress: { write(text: string): void; isTTY: boolean };
}

export interface ImportCommand {
  file: ImportFile;
  workspace?: string | undefined;
  /** "header=field,header=attribute:number,…": columns not named keep the guessed field. */
  mapping?: string | undefined;
  /** Where to write the error report (a CSV with a BOM), when any row is bad. */
  errors?: string | undefined;
}

const WIDTH = 30;
const int = (n: number) => Math.round(n).toLocaleString("en-US");

export function importProgressLine(p: ImportProgress, rowsPerSecond: number): string {
  const share = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : 1;
  const filled = Math.round(share * WIDTH);
  return (
    `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% ${int(p.rowsDone)} rows` +
    ` · created ${int(p.created)} · updated ${int(p.updated)} · unchanged ${int(p.unchanged)} · failed ${int(p.failed)}` +
    (rowsPerSecond > 0 ? ` · ${int(rowsPerSecond)} rows/s` : "")
  );
}

/** The header and first rows of a streamed file, reading no more of it than that. */
async function headOf(file: ImportFile, encoding: string, bomLength: number) {
  const reader = new CsvRowReader();
  let columns: string[] | undefined;
  const preview: string[][] = [];
  for await (const text of decodedChunks(file.chunks(), encoding, bomLength)) {
    for (const r of reader.push(text)) {
      if (!columns) columns = r.cells;
      else if (r.cells.some((c) => c !== "")) preview.push(r.cells);
    }
    if (columns && preview.length >= 10) break;
  }
  if (!columns) for (const r of reader.end()) columns ??= r.cells;
  if (!columns || columns.every((c) => c === ""))
    throw new ConfigError(`${file.name} is empty: it needs a header row and rows`);
  return { columns, preview: preview.slice(0, 10) };
}

/** The guessed mapping with the --mapping option's columns put over it. */
export function mappingFor(
  columns: string[],
  preview: string[][],
  option: string | undefined,
): ColumnMapping[] {
  const mapped = guessMapping(columns, preview).columns;
  for (const part of (option ?? "").split(",").filter((p) => p.trim() !== "")) {
    const at = part.lastIndexOf("=");
    const header = part.slice(0, at).trim();
    const [field = "", type] = part
      .slice(at + 1)
      .trim()
      .split(":");
    const column = columns.findIndex((c) => c === header || headerKey(c) === headerKey(header));
    if (at < 0 || column < 0)
      throw new ConfigError(`--mapping: no column "${header}" (the header is ${columns.join(", ")})`);
    if (!(importFields as readonly string[]).includes(field))
      throw new ConfigError(`--mapping: "${field}" is not a field (${importFields.join(", ")})`);
    if (type !== undefined && !(attributeTypes as readonly string[]).includes(type))
      throw new ConfigError(`--mapping: "${type}" is not an attribute type (${attributeTypes.join(", ")})`);
    mapped[column] =
      field === "attribute"
        ? {
            column,
            field,
            key: attributeKey(columns[column]!, column),
            type: (type ?? "text") as AttributeType,
          }
        : { column, field: field as ImportField };
  }
  return checkMapping({ columns: mapped }, columns);
}

const describe = (m: ColumnMapping, columns: string[]) =>
  `${columns[m.column]} → ${m.field === "attribute" ? `attribute "${m.key}" (${m.type})` : m.field}`;

/** Runs the import; resolves to its id. Bad rows do not fail the command: they are listed and reported. */
export async function importContacts(
  ctx: { db: Db; clock: Clock },
  cmd: ImportCommand,
  out: ImportOutput,
): Promise<string> {
  const { db, clock } = ctx;
  const workspaceId = cmd.workspace
    ? (await getWorkspaceDetail(db, cmd.workspace, undefined)).id
    : await ensureDefaultWorkspace(db);
  const { file } = cmd;
  let head: Uint8Array = new Uint8Array();
  for await (const chunk of file.chunks()) {
    head = chunk.subarray(0, 4);
    break;
  }
  const utf8 = head.length === 0 || (await isUtf8Stream(file.chunks()));
  const { encoding, bomLength } = csvEncoding(head, undefined, () => utf8);
  const { columns, preview } = await headOf(file, encoding, bomLength);
  const mapping = mappingFor(columns, preview, cmd.mapping);
  const created = await createCliImport(db, workspaceId, {
    fileName: file.name,
    byteSize: file.size,
    encoding,
    columns,
    preview,
    now: dateOf(clock),
  });
  await db
    .updateTable("contact_imports")
    .set({ mapping: JSON.stringify({ columns: mapping.filter((m) => m.field !== "skip") }) })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", created.id)
    .execute();
  out.print(`import ${created.id}: ${file.name} (${encoding}, ${int(file.size)} bytes)`);
  for (const m of mapping) if (m.field !== "skip") out.print(`  ${describe(m, columns)}`);
  const skipped = mapping.filter((m) => m.field === "skip").map((m) => columns[m.column]);
  if (skipped.length) out.print(`  skipped: ${skipped.join(", ")}`);

  const started = clock.now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  const tty = out.progress.isTTY;
  const draw = (p: ImportProgress, final = false) => {
    const t = clock.now();
    const rate = t > started ? (p.rowsDone * 1000) / (t - started) : 0;
    if (tty) {
      if (!final && t - lastDraw < 100) return;
      lastDraw = t;
      out.progress.write(`\r${importProgressLine(p, rate)}${final ? "\n" : ""}`);
      return;
    }
    // Not a terminal (a log, CI): a line each tenth of the file, and the last one.
    const tenth = p.bytesTotal ? Math.floor((10 * p.bytesDone) / p.bytesTotal) : 10;
    if (final || tenth > lastTenth) out.progress.write(`${importProgressLine(p, rate)}\n`);
    lastTenth = tenth;
  };
  let counts;
  try {
    counts = await runContactImport(db, {
      workspaceId,
      importId: created.id,
      source: { chunks: () => file.chunks(), encoding, bomLength, byteSize: file.size },
      mapping,
      now: () => dateOf(clock),
      onProgress: (p) => draw(p),
    });
  } catch (e) {
    await failContactImport(
      db,
      workspaceId,
      created.id,
      e instanceof Error ? e.message : String(e),
      dateOf(clock),
    );
    throw e;
  }
  draw({ ...counts, bytesDone: file.size, bytesTotal: file.size, totalRows: counts.rowsDone }, true);
  const seconds = (clock.now() - started) / 1000;
  out.print(
    `done in ${seconds.toFixed(1)} s: ${int(counts.rowsDone)} rows · created ${int(counts.created)} · updated ${int(counts.updated)}` +
      ` · unchanged ${int(counts.unchanged)} · failed ${int(counts.failed)}`,
  );
  if (counts.failed > 0) {
    const errors = await listImportErrors(db, workspaceId, created.id, "en", 20);
    out.print(
      `bad rows${errors.total > errors.data.length ? ` (the first ${errors.data.length} of ${int(errors.total)})` : ""}:`,
    );
    for (const e of errors.data)
      out.print(`  line ${e.line}${e.column ? `, ${e.column}` : ""}: ${e.message}`);
    if (cmd.errors) {
      await pipeline(
        Readable.from(importErrorsCsv(db, workspaceId, created.id, "en")),
        createWriteStream(cmd.errors),
      );
      out.print(`error report: ${cmd.errors}`);
    } else
      out.print(
        `error report: the admin app (Contacts › Import) or GET /api/v1/contact-imports/${created.id}/errors.csv; or run with --errors FILE`,
      );
  }
  return created.id;
}
