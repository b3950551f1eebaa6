// Counting a score histogram into segments; the scales themselves live in shared/scales.ts (the admin app
// reads them too) and are re-exported here for the score modules.
import { segmentOf, scaleOf, type Segment, type SurveyKind } from "../../shared/scales.ts";
import { assertCount } from "./numeric.ts";

export * from "../../shared/scales.ts";

/** Histogram indexed by score: hist[s] = responses scoring s (indexes 0..10; unused low indexes are 0). */
export type ScoreCounts = readonly number[];

/**
 * Sum a histogram into segments (segments of other kinds stay 0). Rejects negative or fractional
 * counts and any responses at a score outside the kind's scale, rather than silently dropping them.
 */
export function countSegments(kind: SurveyKind, hist: ScoreCounts): Record<Segment, number> {
  const out: Record<Segment, number> = {
    detractor: 0,
    passive: 0,
    promoter: 0,
    unhappy: 0,
    neutral: 0,
    happy: 0,
  };
  const { min, max } = scaleOf(kind);
  for (let s = 0; s < hist.length; s++) {
    const count = hist[s] ?? 0;
    assertCount(count, `count for score ${s}`);
    if (count === 0) continue;
    if (s < min || s > max) {
      throw new RangeError(`${kind} histogram has ${count} responses at score ${s}, outside ${min}–${max}`);
    }
    out[segmentOf(kind, s)] += count;
  }
  return out;
}
