// A proportion (e.g. a response rate) with its 95 % Wilson score interval, which stays inside 0…1 and
// keeps a sensible width for small n and for rates of 0 or 1, where the Wald interval collapses.
import { assertCount, Z95 } from "./numeric.ts";

export interface Proportion {
  /** successes / n as a share 0…1, rounded to 4 decimals; null when n = 0. */
  rate: number | null;
  /** 95 % Wilson interval as shares; null when n = 0. */
  interval: [number, number] | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000 + 0;

export function proportion(successes: number, n: number): Proportion {
  assertCount(successes, "successes");
  assertCount(n, "n");
  if (successes > n) throw new RangeError(`successes (${successes}) exceed n (${n})`);
  if (n === 0) return { rate: null, interval: null };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    rate: round4(p),
    interval: [round4(Math.max(0, centre - half)), round4(Math.min(1, centre + half))],
  };
}
