// Net Promoter Score with a 95 % interval (DESIGN.md "Domain facts": Wald, adjusted Wald for small n).
import { assertCount, boundedInterval, round2, SMALL_N, Z95 } from "./numeric.ts";
import { countSegments, type ScoreCounts } from "./scales.ts";

export { SMALL_N };

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsSummary {
  nps: number | null;
  n: number;
  /** Counts, not shares. */
  promoters: number;
  passives: number;
  detractors: number;
  marginOfError: number | null;
  interval: [number, number] | null;
}

interface Estimate {
  n: number;
  /** Raw NPS, −100..100. */
  nps: number;
  /** Interval centre, NPS points: raw NPS for Wald, the shrunk estimate for adjusted Wald. */
  centre: number;
  /** Variance of NPS/100. */
  variance: number;
}

function estimate(c: NpsCounts): Estimate | null {
  assertCount(c.promoters, "promoters");
  assertCount(c.passives, "passives");
  assertCount(c.detractors, "detractors");
  const n = c.promoters + c.passives + c.detractors;
  if (n === 0) return null;
  const nps = (100 * (c.promoters - c.detractors)) / n;
  const p = c.promoters / n;
  const d = c.detractors / n;
  const wald = (p + d - (p - d) ** 2) / n;
  if (n >= SMALL_N && wald > 0) return { n, nps, centre: nps, variance: wald };
  // Small n, or every answer in one segment (Wald would claim zero uncertainty): adjusted Wald,
  // i.e. add 3 pseudo-responses spread 0.75 / 1.5 / 0.75 over promoter / passive / detractor.
  const n2 = n + 3;
  const p2 = (c.promoters + 0.75) / n2;
  const d2 = (c.detractors + 0.75) / n2;
  return { n, nps, centre: 100 * (p2 - d2), variance: (p2 + d2 - (p2 - d2) ** 2) / n2 };
}

/** Standard error of the NPS in points (100·√Var), same Wald/adjusted-Wald choice as the interval. */
export function npsStandardError(c: NpsCounts): number | null {
  const e = estimate(c);
  return e === null ? null : 100 * Math.sqrt(e.variance);
}

export function summariseNps(c: NpsCounts): NpsSummary {
  const e = estimate(c);
  const base = { promoters: c.promoters, passives: c.passives, detractors: c.detractors };
  if (e === null) return { nps: null, n: 0, ...base, marginOfError: null, interval: null };
  const moe = Z95 * 100 * Math.sqrt(e.variance);
  return {
    nps: round2(e.nps),
    n: e.n,
    ...base,
    marginOfError: round2(moe),
    interval: boundedInterval(e.centre, moe, -100, 100),
  };
}

export function npsFromCounts(hist: ScoreCounts): NpsSummary {
  const s = countSegments("nps", hist);
  return summariseNps({ promoters: s.promoter, passives: s.passive, detractors: s.detractor });
}
