// CSV for spreadsheets (RFC 4180): quoted where needed, CRLF line ends, and no formula injection — a
// cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
// gets a leading apostrophe, so it shows as the text that was typed.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvCell).join(",")}\r\n`;

/** Excel reads a UTF-8 file as UTF-8 (Japanese intact) only when it starts with a byte order mark. */
export const UTF8_BOM = "\uFEFF";
