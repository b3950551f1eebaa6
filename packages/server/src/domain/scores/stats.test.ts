import { describe, it, expect } from "vitest";
import { npsChange, round2 } from "./stats.ts";

describe("npsChange", () => {
  const before = { promoters: 50, passives: 30, detractors: 20 }; // NPS 30, SE² = 100²·0.0061 = 61

  it("significant: 30 → 60", () => {
    // after P=70, Pa=20, D=10: NPS 60, var = (0.8 − 0.6²)/100 = 0.0044 → SE² = 44
    // SE = √(61 + 44) = √105 = 10.2470; threshold = 1.96·10.2470 = 20.0840; |30| > 20.08
    expect(npsChange(before, { promoters: 70, passives: 20, detractors: 10 })).toEqual({
      delta: 30,
      standardError: 10.25,
      threshold: 20.08,
      significant: true,
    });
  });

  it("not significant: 30 → 35", () => {
    // after P=55, Pa=25, D=20: NPS 35, var = (0.75 − 0.35²)/100 = 0.006275 → SE² = 62.75
    // SE = √(61 + 62.75) = √123.75 = 11.1243; threshold = 21.8036; |5| < 21.80
    expect(npsChange(before, { promoters: 55, passives: 25, detractors: 20 })).toEqual({
      delta: 5,
      standardError: 11.12,
      threshold: 21.8,
      significant: false,
    });
  });

  it("a fall is significant by its size: 60 → 30", () => {
    const c = npsChange({ promoters: 70, passives: 20, detractors: 10 }, before);
    expect(c).toMatchObject({ delta: -30, threshold: 20.08, significant: true });
  });

  it("small samples use the adjusted-Wald SE, so a big raw jump is not significant", () => {
    // before P=1, D=1, Pa=3 (NPS 0) → after P=3, Pa=1, D=1 (NPS 40)
    // before: n' = 8, p' = d' = 1.75/8 = 0.21875, var' = 0.4375/8 = 0.0546875 → SE² = 546.875
    // after: var' = 0.078125 (see nps.test.ts) → SE² = 781.25
    // SE = √1328.125 = 36.4434; threshold = 71.4291; |40| < 71.43
    const c = npsChange(
      { promoters: 1, passives: 3, detractors: 1 },
      { promoters: 3, passives: 1, detractors: 1 },
    );
    expect(c).toEqual({ delta: 40, standardError: 36.44, threshold: 71.43, significant: false });
  });

  it("null when either period has no responses", () => {
    const none = { promoters: 0, passives: 0, detractors: 0 };
    expect(npsChange(none, before)).toBeNull();
    expect(npsChange(before, none)).toBeNull();
  });

  it("no change is never significant", () => {
    expect(npsChange(before, before)).toMatchObject({ delta: 0, significant: false });
  });
});

describe("round2 re-export", () => {
  it("is available from stats.ts", () => {
    expect(round2(45.30809)).toBe(45.31);
  });
});
