import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { csatFromCounts } from "./csat.ts";

// Histogram indexed by score; index 0 is unused for CSAT.
const hist = (m: Record<number, number>): number[] => Array.from({ length: 6 }, (_, s) => m[s] ?? 0);

describe("csatFromCounts", () => {
  it("Wald for n ≥ 100: 5/5/10/40/40", () => {
    // happy = 40 + 40 = 80 of 100 → CSAT 80; unhappy = 5 + 5 = 10; neutral = 10
    // var = 0.8·0.2/100 = 0.0016, √ = 0.04, moe = 1.96·100·0.04 = 7.84 → [72.16, 87.84]
    expect(csatFromCounts(hist({ 1: 5, 2: 5, 3: 10, 4: 40, 5: 40 }))).toEqual({
      csat: 80,
      n: 100,
      happy: 80,
      neutral: 10,
      unhappy: 10,
      marginOfError: 7.84,
      interval: [72.16, 87.84],
    });
  });

  it("Agresti–Coull for small n: 1/1/1/3/4", () => {
    // happy = 7 of 10 → CSAT 70
    // n' = 14, p' = 9/14 = 0.642857 → centre 64.2857
    // var = (9/14)(5/14)/14 = 45/2744 = 0.0163994, √ = 0.128060, moe = 196·0.128060 = 25.0998
    // interval = [39.1859, 89.3855]
    expect(csatFromCounts(hist({ 1: 1, 2: 1, 3: 1, 4: 3, 5: 4 }))).toEqual({
      csat: 70,
      n: 10,
      happy: 7,
      neutral: 1,
      unhappy: 2,
      marginOfError: 25.1,
      interval: [39.19, 89.39],
    });
  });

  it("p = 1 with n = 200 uses Agresti–Coull and clamps at 100", () => {
    // n' = 204, p' = 202/204 = 0.9901961 → centre 99.0196
    // var = 0.9901961·0.0098039/204 = 0.0000475866, √ = 0.00689831, moe = 1.3521
    // interval = [97.6675, min(100, 100.3717)]
    const s = csatFromCounts(hist({ 4: 120, 5: 80 }));
    expect(s).toMatchObject({ csat: 100, n: 200, marginOfError: 1.35, interval: [97.67, 100] });
  });

  it("p = 0 with n = 150 uses Agresti–Coull and clamps at 0", () => {
    // n' = 154, p' = 2/154 = 0.0129870 → centre 1.2987
    // var = 0.0129870·0.9870130/154 = 0.0000832358, √ = 0.00912336, moe = 1.7882
    // interval = [max(0, −0.4895), 3.0869]
    const s = csatFromCounts(hist({ 1: 50, 2: 50, 3: 50 }));
    expect(s).toMatchObject({ csat: 0, unhappy: 100, neutral: 50, marginOfError: 1.79, interval: [0, 3.09] });
  });

  it("n = 0 gives nulls", () => {
    expect(csatFromCounts(hist({}))).toEqual({
      csat: null,
      n: 0,
      happy: 0,
      neutral: 0,
      unhappy: 0,
      marginOfError: null,
      interval: null,
    });
  });

  it("accepts an 11-slot histogram with zeros beyond 5", () => {
    expect(csatFromCounts([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]).csat).toBe(100);
  });

  it("rejects responses at 0 or above 5", () => {
    expect(() => csatFromCounts([1, 0, 0, 0, 0, 0])).toThrow(RangeError);
    expect(() => csatFromCounts([0, 0, 0, 0, 0, 0, 1])).toThrow(RangeError);
  });

  it("property: csat and interval stay within 0–100", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 80 }), { minLength: 6, maxLength: 6 }), (raw) => {
        const h = [0, ...raw.slice(1)];
        const s = csatFromCounts(h);
        if (s.n === 0) return expect(s.csat).toBeNull();
        const [lo, hi] = s.interval!;
        expect(s.csat!).toBeGreaterThanOrEqual(0);
        expect(s.csat!).toBeLessThanOrEqual(100);
        expect(0 <= lo && lo < hi && hi <= 100).toBe(true);
      }),
    );
  });
});
