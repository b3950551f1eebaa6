// Small statistics and a plain-text table: every bench prints its figures the same way.

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const ms = (x: number): string =>
  (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + " ms";
export const int = (x: number): string => Math.round(x).toLocaleString("en-US");
export const ratio = (x: number): string => (x >= 10 ? x.toFixed(1) : x.toFixed(2)) + "×";
export const mib = (kib: number): string => (kib / 1024).toFixed(1) + " MiB";

/** Prints a left-aligned table with a title; the first row is the header. */
export function printTable(title: string, rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  rows.forEach((row, i) => {
    console.log(line(row));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  });
}

export function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Runs tasks with at most `limit` in flight, in order of the array. */
export async function runConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A goal line: what was measured against what was asked. */
export const verdict = (met: boolean): string => (met ? "met" : "MISSED");
