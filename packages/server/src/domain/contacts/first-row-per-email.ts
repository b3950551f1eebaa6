// The one rule for a list of contacts that names an address more than once (an uploaded CSV, and any list of
// contacts read later): addresses are compared after trimming spaces and ignoring case, the FIRST row for an
// address is used, and every later one is left out and reported with its line and the line that was used.
// Two uploads once disagreed (one kept the first row, another the last); merging rows would mix two people's
// details. See docs/EMAIL.md (Campaigns, audience).

export interface DuplicateRow {
  /** The line left out. */
  line: number;
  email: string;
  /** The line used for this address. */
  firstLine: number;
}

/** The address as rows are compared: trimmed, lower case. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/** `rows` with each address's first row only, in their order, and the rows left out. */
export function firstRowPerEmail<T extends { line: number; email: string }>(
  rows: T[],
): { rows: T[]; duplicates: DuplicateRow[] } {
  const first = new Map<string, number>();
  const kept: T[] = [];
  const duplicates: DuplicateRow[] = [];
  for (const row of rows) {
    const key = emailKey(row.email);
    const firstLine = first.get(key);
    if (firstLine === undefined) {
      first.set(key, row.line);
      kept.push(row);
    } else duplicates.push({ line: row.line, email: key, firstLine });
  }
  return { rows: kept, duplicates };
}
