// Small numeric helpers shared by the score modules. Kept apart from stats.ts so that nps.ts can use
// them without an import cycle (stats.ts imports nps.ts for npsChange).

/** z for a two-sided 95 % interval. */
export const Z95 = 1.96;

/** Below this many responses the plain Wald interval is too optimistic, so we use adjusted Wald. */
export const SMALL_N = 100;

/**
 * Round to 2 decimals, halves away from zero. The tiny relative nudge makes decimal halves such as
 * 1.005 (stored as 1.00499…) round the way a person expects; `+ 0` turns −0 into 0.
 */
export function round2(x: number): number {
  const r = Math.round(Math.abs(x) * 100 * (1 + Number.EPSILON)) / 100;
  return (x < 0 ? -r : r) + 0;
}

/** Counts come from the database; anything but a non-negative integer means a bug upstream. */
export function assertCount(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${x}`);
  }
}

/** centre ± moe, clamped to the scale's range and rounded for display. */
export function boundedInterval(centre: number, moe: number, lo: number, hi: number): [number, number] {
  return [round2(Math.max(lo, centre - moe)), round2(Math.min(hi, centre + moe))];
}
