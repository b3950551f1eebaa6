import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { cesFromCounts } from "./ces.ts";

// Histogram indexed by score; index 0 is unused for CES.
const hist = (m: Record<number, number>): number[] => Array.from({ length: 8 }, (_, s) => m[s] ?? 0);

describe("cesFromCounts", () => {
  it("worked example: scores 2,3,4,4,5,5,5,6,6,7", () => {
    // sum = 2 + 3 + 8 + 15 + 12 + 7 = 47, n = 10 → mean 4.7
    // agree (≥ 5) = 3 + 2 + 1 = 6 of 10 → 60 %; neutral (4) = 2; unhappy (1–3) = 2
    // squared deviations: 2.7² + 1.7² + 2·0.7² + 3·0.3² + 2·1.3² + 2.3²
    //   = 7.29 + 2.89 + 0.98 + 0.27 + 3.38 + 5.29 = 20.1
    // s = √(20.1/9) = √2.2333 = 1.494434; moe = 1.96·1.494434/√10 = 0.926260
    // interval = [3.773740, 5.626260]
    expect(cesFromCounts(hist({ 2: 1, 3: 1, 4: 2, 5: 3, 6: 2, 7: 1 }))).toEqual({
      ces: 4.7,
      n: 10,
      agreeShare: 60,
      happy: 6,
      neutral: 2,
      unhappy: 2,
      marginOfError: 0.93,
      interval: [3.77, 5.63],
    });
  });

  it("clamps the interval at 7: scores 7,7,7,1", () => {
    // mean = 22/4 = 5.5; squared deviations = 3·1.5² + 4.5² = 6.75 + 20.25 = 27
    // s = √(27/3) = 3; moe = 1.96·3/√4 = 2.94 → [2.56, min(7, 8.44)]
    const s = cesFromCounts(hist({ 1: 1, 7: 3 }));
    expect(s).toMatchObject({ ces: 5.5, agreeShare: 75, marginOfError: 2.94, interval: [2.56, 7] });
  });

  it("clamps the interval at 1: scores 1,1,1,1,1,2", () => {
    // mean = 7/6 = 1.16667; squared deviations = 5·(1/6)² + (5/6)² = 5/36 + 25/36 = 30/36
    // s = √((30/36)/5) = √(1/6) = 0.408248; moe = 1.96·0.408248/√6 = 0.326667
    // interval = [max(1, 0.84), 1.493333]
    const s = cesFromCounts(hist({ 1: 5, 2: 1 }));
    expect(s).toMatchObject({ ces: 1.17, agreeShare: 0, marginOfError: 0.33, interval: [1, 1.49] });
  });

  it("one response: mean and share but no interval", () => {
    expect(cesFromCounts(hist({ 5: 1 }))).toEqual({
      ces: 5,
      n: 1,
      agreeShare: 100,
      happy: 1,
      neutral: 0,
      unhappy: 0,
      marginOfError: null,
      interval: null,
    });
  });

  it("n = 0 gives nulls", () => {
    expect(cesFromCounts([])).toEqual({
      ces: null,
      n: 0,
      agreeShare: null,
      happy: 0,
      neutral: 0,
      unhappy: 0,
      marginOfError: null,
      interval: null,
    });
  });

  it("agreeShare rounds to 2 decimals: 1 of 3 agree", () => {
    // scores 4,4,5 → mean 13/3 = 4.3333; agree 1/3 = 33.33 %
    expect(cesFromCounts(hist({ 4: 2, 5: 1 }))).toMatchObject({ ces: 4.33, agreeShare: 33.33 });
  });

  it("rejects responses at 0 or 8", () => {
    expect(() => cesFromCounts([1])).toThrow(RangeError);
    expect(() => cesFromCounts([0, 0, 0, 0, 0, 0, 0, 0, 1])).toThrow(RangeError);
  });

  it("property: mean and interval stay within 1–7", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 8, maxLength: 8 }), (raw) => {
        const h = [0, ...raw.slice(1)];
        const s = cesFromCounts(h);
        if (s.n < 2) return expect(s.interval).toBeNull();
        const [lo, hi] = s.interval!;
        expect(s.ces!).toBeGreaterThanOrEqual(1);
        expect(s.ces!).toBeLessThanOrEqual(7);
        expect(1 <= lo && lo <= s.ces! && s.ces! <= hi && hi <= 7).toBe(true);
      }),
    );
  });
});
