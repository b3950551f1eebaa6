// A CSV file read as a stream of rows, for files too large to hold (a million-row contact import): bytes are
// decoded chunk by chunk in the encoding decode-csv.ts chose, and records are cut as they arrive, each with
// the line it starts on as an editor numbers it (CRLF, LF or a lone CR end a line; a quoted value may span
// lines; blank lines are skipped but counted), the same numbers csv-records.ts gives. Values are trimmed
// (outside quotes). A malformed record (text after a closing quote) is given with a problem instead of
// failing the file, so an import reports it as one bad row; a quote never closed ends the file with one.
// csv-parse measured 42,000 rows/s here, too slow for an import goal of 50,000 rows/s with the database
// work on top; this reader does several hundred thousand.
import iconv from "iconv-lite";

export interface StreamedRow {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
  /** Why the record is not well-formed CSV, if it is not (its cells are then what could be read). */
  problem?: string;
  /** Set when the problem is a quote never closed: the record runs to the end of the file (or 1 MB). */
  unclosedQuote?: true;
}

/** A quoted value longer than this is taken as a missing closing quote, not held in memory to the end. */
const MAX_QUOTED = 1 << 20;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Cuts decoded CSV text into records. `push` takes the next piece of text and returns the records it
 * completed; `end` returns the last one (a file need not end with a line break).
 */
export class CsvRowReader {
  private carry = "";
  /** Line of the file where `carry` starts. */
  private line = 1;

  push(text: string): StreamedRow[] {
    const rows: StreamedRow[] = [];
    this.carry = this.cut(this.carry + text, false, rows);
    return rows;
  }

  end(): StreamedRow[] {
    const rows: StreamedRow[] = [];
    this.carry = this.cut(this.carry, true, rows);
    return rows;
  }

  /** Cuts every complete record of `s` into `rows`; returns the incomplete rest (none when `final`). */
  private cut(s: string, final: boolean, rows: StreamedRow[]): string {
    let p = 0;
    const n = s.length;
    while (p < n) {
      // Blank lines (only spaces or tabs) are skipped, and counted.
      let q = p;
      while (q < n && (s.charCodeAt(q) === SPACE || s.charCodeAt(q) === TAB)) q++;
      if (q < n && (s.charCodeAt(q) === LF || s.charCodeAt(q) === CR)) {
        if (s.charCodeAt(q) === CR && q + 1 >= n && !final) return s.slice(p); // CR LF split across pieces
        p = q + (s.charCodeAt(q) === CR && s.charCodeAt(q + 1) === LF ? 2 : 1);
        this.line++;
        continue;
      }
      if (q >= n) {
        if (!final) return s.slice(p);
        break;
      }
      // The fast path: a line with no quote is its values split at commas.
      let end = p;
      while (end < n) {
        const c = s.charCodeAt(end);
        if (c === LF || c === CR || c === QUOTE) break;
        end++;
      }
      if (end < n && s.charCodeAt(end) !== QUOTE) {
        if (s.charCodeAt(end) === CR && end + 1 >= n && !final) return s.slice(p);
        rows.push({ line: this.line, cells: splitPlain(s.slice(p, end)) });
        p = end + (s.charCodeAt(end) === CR && s.charCodeAt(end + 1) === LF ? 2 : 1);
        this.line++;
        continue;
      }
      if (end >= n) {
        if (!final) return s.slice(p);
        rows.push({ line: this.line, cells: splitPlain(s.slice(p)) });
        p = n;
        break;
      }
      // A record with quotes, value by value.
      const record = this.quoted(s, p, final);
      if (!record) {
        if (n - p > MAX_QUOTED) {
          rows.push({
            line: this.line,
            cells: [],
            problem: `a quote opened on line ${this.line} is not closed within 1 MB; is a closing quote missing?`,
            unclosedQuote: true,
          });
          return "";
        }
        return s.slice(p);
      }
      rows.push(record.row);
      this.line += record.lines;
      p = record.next;
    }
    return "";
  }

  /** The record with quotes at `p`: its row, the line breaks it spans, and where the next starts; null if incomplete. */
  private quoted(
    s: string,
    p: number,
    final: boolean,
  ): { row: StreamedRow; lines: number; next: number } | null {
    const n = s.length;
    const cells: string[] = [];
    let lines = 0;
    let problem: string | undefined;
    let i = p;
    for (;;) {
      while (i < n && (s.charCodeAt(i) === SPACE || s.charCodeAt(i) === TAB)) i++;
      if (i < n && s.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const close = s.indexOf('"', from);
          if (close < 0) {
            if (!final) return null;
            value += s.slice(from);
            lines += breaksIn(s, from, n);
            problem ??= `a quote opened on line ${this.line} is never closed`;
            cells.push(value);
            return { row: { line: this.line, cells, problem, unclosedQuote: true }, lines, next: n };
          }
          if (close + 1 >= n && !final) return null; // "" may be split across pieces
          lines += breaksIn(s, from, close);
          value += s.slice(from, close);
          if (s.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        while (i < n && (s.charCodeAt(i) === SPACE || s.charCodeAt(i) === TAB)) i++;
        let after = i;
        while (after < n) {
          const c = s.charCodeAt(after);
          if (c === COMMA || c === LF || c === CR) break;
          after++;
        }
        if (after > i) {
          problem ??= `text after a closing quote on line ${this.line + lines}; a quote inside a quoted value is written twice ("")`;
          value += s.slice(i, after);
        }
        cells.push(value);
        i = after;
      } else {
        let after = i;
        while (after < n) {
          const c = s.charCodeAt(after);
          if (c === COMMA || c === LF || c === CR) break;
          after++;
        }
        cells.push(s.slice(i, after).trim());
        i = after;
      }
      if (i >= n) {
        if (!final) return null;
        return {
          row: { line: this.line, cells, ...(problem ? { problem } : {}) },
          lines: lines + 1,
          next: n,
        };
      }
      const c = s.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR && i + 1 >= n && !final) return null;
      const next = i + (c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1);
      return { row: { line: this.line, cells, ...(problem ? { problem } : {}) }, lines: lines + 1, next };
    }
  }
}

function splitPlain(line: string): string[] {
  const cells = line.split(",");
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    const first = c.charCodeAt(0);
    const last = c.charCodeAt(c.length - 1);
    // trim() only where a value has space at either end (most do not).
    if (first <= SPACE || last <= SPACE || first === 0x3000 || last === 0x3000) cells[i] = c.trim();
  }
  return cells;
}

/** Line breaks (CRLF, LF, lone CR) in s[from, to). */
function breaksIn(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) k++;
    else if (c === CR) {
      k++;
      if (s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return k;
}

/**
 * Decodes byte chunks as `encoding` (chosen by decode-csv.ts's csvEncoding), a character split across chunks
 * included; `skip` bytes at the start (a byte-order mark) are left out.
 */
export async function* decodedChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: string,
  skip = 0,
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  let left = skip;
  for await (const chunk of chunks) {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (left > 0) {
      const cut = Math.min(left, bytes.length);
      bytes = bytes.subarray(cut);
      left -= cut;
    }
    const text = decoder.write(bytes);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Whether a streamed file is valid UTF-8 as a whole (one pass, nothing kept). */
export async function isUtf8Stream(chunks: AsyncIterable<Uint8Array>): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of chunks) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}
