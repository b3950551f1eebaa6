import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { npsFromCounts, npsStandardError, SMALL_N, summariseNps } from "./nps.ts";

const hist = (m: Record<number, number>): number[] => Array.from({ length: 11 }, (_, s) => m[s] ?? 0);

describe("summariseNps, Wald (n ≥ 100, variance > 0)", () => {
  it("P=50, Pa=30, D=20", () => {
    // NPS = 100·(50−20)/100 = 30
    // var = (0.5 + 0.2 − 0.3²)/100 = (0.7 − 0.09)/100 = 0.0061
    // moe = 1.96·100·√0.0061 = 196·0.0781025 = 15.3081
    // interval = [30 − 15.3081, 30 + 15.3081] = [14.6919, 45.3081]
    expect(summariseNps({ promoters: 50, passives: 30, detractors: 20 })).toEqual({
      nps: 30,
      n: 100,
      promoters: 50,
      passives: 30,
      detractors: 20,
      marginOfError: 15.31,
      interval: [14.69, 45.31],
    });
  });

  it("P=40, Pa=35, D=25: interval crosses zero", () => {
    // NPS = 100·(40−25)/100 = 15
    // var = (0.40 + 0.25 − 0.15²)/100 = (0.65 − 0.0225)/100 = 0.006275
    // moe = 196·√0.006275 = 196·0.0792149 = 15.5261
    // interval = [15 − 15.5261, 15 + 15.5261] = [−0.5261, 30.5261]
    const s = summariseNps({ promoters: 40, passives: 35, detractors: 25 });
    expect(s.nps).toBe(15);
    expect(s.marginOfError).toBe(15.53);
    expect(s.interval).toEqual([-0.53, 30.53]);
  });

  it("P=200, Pa=100, D=100", () => {
    // NPS = 100·(200−100)/400 = 25
    // var = (0.5 + 0.25 − 0.25²)/400 = (0.75 − 0.0625)/400 = 0.6875/400 = 0.00171875
    // moe = 196·√0.00171875 = 196·0.0414578 = 8.1257
    // interval = [16.8743, 33.1257]
    const s = summariseNps({ promoters: 200, passives: 100, detractors: 100 });
    expect(s).toMatchObject({ nps: 25, n: 400, marginOfError: 8.13, interval: [16.87, 33.13] });
  });

  it("promoters and detractors only: P=60, D=40", () => {
    // NPS = 20; var = (0.6 + 0.4 − 0.2²)/100 = 0.96/100 = 0.0096
    // moe = 196·√0.0096 = 196·0.0979796 = 19.2040 → interval [0.7960, 39.2040]
    const s = summariseNps({ promoters: 60, passives: 0, detractors: 40 });
    expect(s).toMatchObject({ nps: 20, marginOfError: 19.2, interval: [0.8, 39.2] });
  });

  it("n = SMALL_N exactly uses Wald", () => {
    expect(SMALL_N).toBe(100);
    // Same counts as the first case: centre is the raw NPS, not a shrunk one.
    const s = summariseNps({ promoters: 50, passives: 30, detractors: 20 });
    expect(s.interval![0] + s.interval![1]).toBeCloseTo(2 * 30, 2);
  });
});

describe("summariseNps, adjusted Wald", () => {
  it("small n: P=3, Pa=1, D=1", () => {
    // NPS = 100·(3−1)/5 = 40 (the reported score stays the raw one)
    // n' = 8, p' = 3.75/8 = 0.46875, d' = 1.75/8 = 0.21875, p'−d' = 0.25 → centre' = 25
    // var' = (0.46875 + 0.21875 − 0.25²)/8 = (0.6875 − 0.0625)/8 = 0.078125
    // moe = 196·√0.078125 = 196·0.2795085 = 54.7837
    // interval = [25 − 54.7837, 25 + 54.7837] = [−29.7837, 79.7837]
    expect(summariseNps({ promoters: 3, passives: 1, detractors: 1 })).toEqual({
      nps: 40,
      n: 5,
      promoters: 3,
      passives: 1,
      detractors: 1,
      marginOfError: 54.78,
      interval: [-29.78, 79.78],
    });
  });

  it("n = 99 switches to adjusted Wald: P=50, Pa=29, D=20", () => {
    // NPS = 100·30/99 = 30.3030
    // n' = 102, p' = 50.75/102, d' = 20.75/102, p'−d' = 30/102 = 0.2941176 → centre' = 29.4118
    // p'+d' = 71.5/102 = 0.7009804; var' = (0.7009804 − 0.0865052)/102 = 0.0060243
    // moe = 196·√0.0060243 = 196·0.0776161 = 15.2128
    // interval = [29.4118 − 15.2128, 29.4118 + 15.2128] = [14.1990, 44.6245]
    const s = summariseNps({ promoters: 50, passives: 29, detractors: 20 });
    expect(s).toMatchObject({ nps: 30.3, n: 99, marginOfError: 15.21, interval: [14.2, 44.62] });
  });

  it("all promoters, n=200: Wald variance 0 → adjusted, non-zero width, upper clamped at 100", () => {
    // NPS = 100. Wald var = (1 + 0 − 1)/200 = 0, which would claim certainty.
    // n' = 203, p' = 200.75/203, d' = 0.75/203, p'−d' = 200/203 = 0.9852217 → centre' = 98.5222
    // p'+d' = 201.5/203 = 0.9926108; (p'−d')² = 0.9706618
    // var' = (0.9926108 − 0.9706618)/203 = 0.0219490/203 = 0.000108124
    // moe = 196·√0.000108124 = 196·0.0103982 = 2.0381
    // interval = [98.5222 − 2.0381, min(100, 100.5603)] = [96.4841, 100]
    const s = summariseNps({ promoters: 200, passives: 0, detractors: 0 });
    expect(s).toMatchObject({ nps: 100, n: 200, marginOfError: 2.04, interval: [96.48, 100] });
    expect(s.interval![1] - s.interval![0]).toBeGreaterThan(0);
  });

  it("all detractors, n=150: lower clamped at −100", () => {
    // n' = 153, d' = 150.75/153, p' = 0.75/153, p'−d' = −150/153 = −0.9803922 → centre' = −98.0392
    // p'+d' = 151.5/153 = 0.9901961; (p'−d')² = 0.9611688; var' = 0.0290273/153 = 0.000189721
    // moe = 196·0.0137739 = 2.6997 → interval [max(−100, −100.7389), −95.3395]
    const s = summariseNps({ promoters: 0, passives: 0, detractors: 150 });
    expect(s).toMatchObject({ nps: -100, marginOfError: 2.7, interval: [-100, -95.34] });
  });

  it("all passives, n=120: Wald variance 0 → adjusted, centred on 0", () => {
    // p' = d' = 0.75/123; var' = (1.5/123 − 0)/123 = 1.5/15129 = 0.0000991473
    // moe = 196·0.00995728 = 1.9516
    const s = summariseNps({ promoters: 0, passives: 120, detractors: 0 });
    expect(s).toMatchObject({ nps: 0, marginOfError: 1.95, interval: [-1.95, 1.95] });
  });

  it("a single promoter: the interval need not contain the raw NPS", () => {
    // n' = 4, p' = 1.75/4 = 0.4375, d' = 0.75/4 = 0.1875 → centre' = 25
    // var' = (0.625 − 0.0625)/4 = 0.140625, √ = 0.375, moe = 73.5 → [−48.5, 98.5]
    const s = summariseNps({ promoters: 1, passives: 0, detractors: 0 });
    expect(s).toMatchObject({ nps: 100, marginOfError: 73.5, interval: [-48.5, 98.5] });
  });
});

describe("summariseNps, edge cases", () => {
  it("n = 0 gives nulls", () => {
    expect(summariseNps({ promoters: 0, passives: 0, detractors: 0 })).toEqual({
      nps: null,
      n: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      marginOfError: null,
      interval: null,
    });
  });

  it("rejects invalid counts", () => {
    expect(() => summariseNps({ promoters: -1, passives: 0, detractors: 0 })).toThrow(RangeError);
    expect(() => summariseNps({ promoters: 0, passives: 0.5, detractors: 0 })).toThrow(RangeError);
    expect(() => summariseNps({ promoters: 0, passives: 0, detractors: NaN })).toThrow(RangeError);
  });
});

describe("npsFromCounts", () => {
  it("sums the histogram into segments", () => {
    // detractors 0–6: 5+3+2+4+1+2+3 = 20; passives 7–8: 10+20 = 30; promoters 9–10: 25+25 = 50
    const s = npsFromCounts([5, 3, 2, 4, 1, 2, 3, 10, 20, 25, 25]);
    expect(s).toEqual(summariseNps({ promoters: 50, passives: 30, detractors: 20 }));
    expect(s.nps).toBe(30);
  });

  it("empty histogram gives nulls", () => {
    expect(npsFromCounts([]).nps).toBeNull();
    expect(npsFromCounts(hist({})).n).toBe(0);
  });

  it("rejects scores above 10", () => {
    expect(() => npsFromCounts([...hist({}), 1])).toThrow(RangeError);
  });
});

describe("npsStandardError", () => {
  it("is 100·√var with the same form choice as the interval", () => {
    expect(npsStandardError({ promoters: 50, passives: 30, detractors: 20 })).toBeCloseTo(7.8102, 3); // √61
    expect(npsStandardError({ promoters: 3, passives: 1, detractors: 1 })).toBeCloseTo(27.9508, 3); // adjusted
    expect(npsStandardError({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
});

describe("property: random histograms", () => {
  it("nps and interval stay in range; n ≥ 100 with variance > 0 contains nps", () => {
    const counts = fc.array(fc.nat({ max: 60 }), { minLength: 11, maxLength: 11 });
    fc.assert(
      fc.property(counts, (h) => {
        const s = npsFromCounts(h);
        const n = h.reduce((a, b) => a + b, 0);
        expect(s.n).toBe(n);
        expect(s.promoters + s.passives + s.detractors).toBe(n);
        if (n === 0) {
          expect(s.nps).toBeNull();
          expect(s.interval).toBeNull();
          return;
        }
        const [lo, hi] = s.interval!;
        expect(s.nps!).toBeGreaterThanOrEqual(-100);
        expect(s.nps!).toBeLessThanOrEqual(100);
        expect(s.marginOfError!).toBeGreaterThan(0);
        expect(lo).toBeLessThan(hi);
        expect(lo).toBeGreaterThanOrEqual(-100);
        expect(hi).toBeLessThanOrEqual(100);
        // One non-empty segment means Wald variance 0; the adjusted interval may then exclude nps.
        const segmentsUsed = [s.promoters, s.passives, s.detractors].filter((x) => x > 0).length;
        if (n >= SMALL_N && segmentsUsed > 1) {
          expect(lo).toBeLessThanOrEqual(s.nps!);
          expect(hi).toBeGreaterThanOrEqual(s.nps!);
        }
      }),
      { numRuns: 500 },
    );
  });
});
