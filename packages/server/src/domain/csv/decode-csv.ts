// An uploaded CSV file's bytes as text, for every CSV Koe reads (campaign audiences now, contact imports
// later). Excel on Japanese Windows saves CSV as Shift_JIS (CP932), "CSV UTF-8" with a byte-order mark,
// other tools UTF-8 without one or UTF-16 with one: read as UTF-8, a CP932 file turned 山田 太郎 into
// mojibake that greeted the customer in the email. The encoding is, in this order: the byte-order mark, the
// charset the upload declared, UTF-8 when the bytes are valid UTF-8, else CP932. Text that still holds a
// character nobody typed (U+FFFD from bytes that are not text in that encoding, NUL, half a surrogate pair)
// is refused, naming its lines: storing it would put garbage in front of customers.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { ValidationError, type FieldIssue } from "../errors.ts";
import { countLineBreaks } from "./line-breaks.ts";

export interface DecodedCsv {
  text: string;
  /** How it was read: utf-8, utf-16le, utf-16be, cp932, or the declared charset. */
  encoding: string;
}

const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

/** Lines named in one refusal: enough to find the problem, not a wall of text. */
const MAX_LINES = 10;

// eslint-disable-next-line no-control-regex -- NUL is what is looked for
const UNREADABLE = /\uFFFD|\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Decodes `bytes` (BOM, else `declaredCharset` — the Content-Type's `charset` — else UTF-8 if valid, else
 * CP932). Throws a ValidationError naming an unknown charset, or the lines that are not text.
 */
export function decodeCsv(bytes: Uint8Array, declaredCharset?: string | null): DecodedCsv {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { encoding, bomLength } = csvEncoding(buf, declaredCharset, () => isUtf8(buf));
  const body = buf.subarray(bomLength);
  const text = iconv.decode(body, encoding, { stripBOM: false });
  const issues = unreadableLines(text, encoding);
  // UTF-16 is two bytes a character: an odd byte left over is half a character, which the decoder drops.
  if (/^utf-?16/.test(encoding) && body.length % 2 === 1 && issues.length < MAX_LINES)
    issues.push(issue(countLineBreaks(text) + 1, encoding, "ends in half a character"));
  if (issues.length) throw new ValidationError(issues);
  return { text, encoding };
}

/**
 * The file's encoding by decodeCsv's rule, from its first bytes (`head`, at least 3), the declared charset, and
 * whether the whole file is valid UTF-8 (asked only when neither decides; a streamed file answers it in a
 * pass of its own). Throws a ValidationError naming an unknown declared charset.
 */
export function csvEncoding(
  head: Uint8Array,
  declaredCharset: string | null | undefined,
  validUtf8: () => boolean,
): { encoding: string; bomLength: number } {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => head[i] === byte));
  const declared = declaredCharset?.trim().toLowerCase() || undefined;
  if (!bom && declared && !iconv.encodingExists(declared))
    throw new ValidationError([
      { path: "charset", message: `unknown charset "${declared}"; send UTF-8, UTF-16 or Shift_JIS (CP932)` },
    ]);
  const encoding = bom?.encoding ?? declared ?? (validUtf8() ? "utf-8" : "cp932");
  return { encoding, bomLength: bom?.bytes.length ?? 0 };
}

/** Why `text` (one value or row) cannot be stored, if it holds a character nobody typed. */
export function unreadableReason(text: string): string | undefined {
  UNREADABLE.lastIndex = 0;
  const m = UNREADABLE.exec(text);
  UNREADABLE.lastIndex = 0;
  if (!m) return undefined;
  return m[0] === "\uFFFD" ? "has bytes that are not text" : "has a character that is not text";
}

/** The first lines holding characters nobody typed, each as an issue naming its line. */
function unreadableLines(text: string, encoding: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let line = 1;
  let at = 0;
  for (const m of text.matchAll(UNREADABLE)) {
    line += countLineBreaks(text, at, m.index);
    at = m.index;
    if (issues.at(-1)?.line === line) continue;
    const what = m[0] === "\uFFFD" ? "has bytes that are not text" : "has a character that is not text";
    issues.push(issue(line, encoding, what));
    if (issues.length === MAX_LINES) break;
  }
  return issues;
}

function issue(line: number, encoding: string, what: string): FieldIssue {
  return {
    path: "csv",
    line,
    message: `line ${line} ${what} in ${encoding.toUpperCase()}; save the file as UTF-8 or Shift_JIS (CP932) and upload it again`,
  };
}
