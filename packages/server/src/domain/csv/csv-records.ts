// CSV text as rows keyed by the header's column names, each with the line it starts on in the file (as an
// editor numbers it: a quoted value may span lines, and blank lines are skipped but still counted), so every
// error about a row names the line a person can go to.
import { parse } from "csv-parse/sync";
import { ValidationError } from "../errors.ts";
import { countLineBreaks } from "./line-breaks.ts";

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  values: Record<string, string>;
}

export interface CsvRecords {
  columns: string[];
  rows: CsvRow[];
}

/** Parses `text` (already decoded, see decode-csv.ts); refuses text that is not CSV or has over `maxRows` rows. */
export function csvRecords(text: string, maxRows: number): CsvRecords {
  let records: { record: string[]; raw: string }[];
  try {
    // With `raw`, each record comes with its text (csv-parse's types do not say so).
    records = parse(text, { skip_empty_lines: true, trim: true, raw: true, bom: true }) as unknown as {
      record: string[];
      raw: string;
    }[];
  } catch (e) {
    throw new ValidationError([{ path: "csv", message: e instanceof Error ? e.message : "not CSV" }]);
  }
  const [header, ...body] = records;
  if (!header) return { columns: [], rows: [] };
  if (body.length > maxRows) throw new ValidationError([{ path: "csv", message: `at most ${maxRows} rows` }]);
  const columns = header.record;
  // A record's raw text is the blank lines skipped before it, then the record with its line break.
  let line = 1 + countLineBreaks(header.raw);
  const rows = body.map(({ record, raw }) => {
    const blank = /^(?:[ \t]*(?:\r\n|\r|\n))*/.exec(raw)?.[0] ?? "";
    const row = { line: line + countLineBreaks(blank), values: valuesOf(columns, record) };
    line += countLineBreaks(raw);
    return row;
  });
  return { columns, rows };
}

function valuesOf(columns: string[], record: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  columns.forEach((c, i) => (values[c] = record[i] ?? ""));
  return values;
}
