// Comparisons between periods. CSAT and CES summaries live in csat.ts and ces.ts.
import { round2, Z95 } from "./numeric.ts";
import { npsStandardError, type NpsCounts } from "./nps.ts";

export { round2 };

export interface Change {
  /** NPS after − NPS before, in points. */
  delta: number;
  /** √(SE₁² + SE₂²), in points. */
  standardError: number;
  /** 1.96 · standardError: |delta| must exceed this to count as a real change. */
  threshold: number;
  significant: boolean;
}

// Only called after npsStandardError has validated the counts and found n > 0.
function rawNps(c: NpsCounts): number {
  return (100 * (c.promoters - c.detractors)) / (c.promoters + c.passives + c.detractors);
}

/** Is the change in NPS between two independent periods larger than sampling noise? */
export function npsChange(before: NpsCounts, after: NpsCounts): Change | null {
  const se1 = npsStandardError(before);
  const se2 = npsStandardError(after);
  if (se1 === null || se2 === null) return null;
  const delta = rawNps(after) - rawNps(before);
  const standardError = Math.sqrt(se1 ** 2 + se2 ** 2);
  const threshold = Z95 * standardError;
  // Decide on unrounded values; round only what is shown.
  return {
    delta: round2(delta),
    standardError: round2(standardError),
    threshold: round2(threshold),
    significant: Math.abs(delta) > threshold,
  };
}
