// CSAT: share of 4s and 5s on a 1–5 scale, with a 95 % interval for a proportion.
import { boundedInterval, round2, SMALL_N, Z95 } from "./numeric.ts";
import { countSegments, type ScoreCounts } from "./scales.ts";

export interface CsatSummary {
  csat: number | null;
  n: number;
  happy: number;
  neutral: number;
  unhappy: number;
  marginOfError: number | null;
  interval: [number, number] | null;
}

export function csatFromCounts(hist: ScoreCounts): CsatSummary {
  const s = countSegments("csat", hist);
  const n = s.happy + s.neutral + s.unhappy;
  const counts = { happy: s.happy, neutral: s.neutral, unhappy: s.unhappy };
  if (n === 0) return { csat: null, n, ...counts, marginOfError: null, interval: null };
  const p = s.happy / n;
  let centre = p;
  let variance = (p * (1 - p)) / n;
  if (n < SMALL_N || p === 0 || p === 1) {
    // Wald is too narrow for small n and has zero width at 0 % or 100 %: Agresti–Coull instead,
    // adding 2 successes and 2 failures (z²/2 ≈ 2).
    const n2 = n + 4;
    centre = (s.happy + 2) / n2;
    variance = (centre * (1 - centre)) / n2;
  }
  const moe = Z95 * 100 * Math.sqrt(variance);
  return {
    csat: round2(100 * p),
    n,
    ...counts,
    marginOfError: round2(moe),
    interval: boundedInterval(100 * centre, moe, 0, 100),
  };
}
