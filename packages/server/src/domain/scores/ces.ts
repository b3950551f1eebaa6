// CES: mean agreement on a 1–7 scale, plus the share agreeing (5 or more).
import { boundedInterval, round2, Z95 } from "./numeric.ts";
import { countSegments, scaleOf, type ScoreCounts } from "./scales.ts";

export interface CesSummary {
  /** Mean score, 1–7. */
  ces: number | null;
  n: number;
  /** Percentage of scores ≥ 5. */
  agreeShare: number | null;
  happy: number;
  neutral: number;
  unhappy: number;
  marginOfError: number | null;
  interval: [number, number] | null;
}

export function cesFromCounts(hist: ScoreCounts): CesSummary {
  // countSegments also validates the histogram, so the loops below only see in-scale scores.
  const seg = countSegments("ces", hist);
  const counts = { happy: seg.happy, neutral: seg.neutral, unhappy: seg.unhappy };
  const n = seg.happy + seg.neutral + seg.unhappy;
  const base = { ces: null, n, agreeShare: null, ...counts, marginOfError: null, interval: null };
  if (n === 0) return base;
  const { min, max } = scaleOf("ces");
  let sum = 0;
  for (let s = min; s <= max; s++) sum += s * (hist[s] ?? 0);
  const mean = sum / n;
  const summary = { ...base, ces: round2(mean), agreeShare: round2((100 * seg.happy) / n) };
  // A sample standard deviation needs at least two responses.
  if (n < 2) return summary;
  let squares = 0;
  for (let s = min; s <= max; s++) squares += (hist[s] ?? 0) * (s - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const moe = (Z95 * sd) / Math.sqrt(n);
  return { ...summary, marginOfError: round2(moe), interval: boundedInterval(mean, moe, min, max) };
}
