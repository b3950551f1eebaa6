import { describe, it, expect } from "vitest";
import { countSegments, isSurveyKind, scaleOf, segmentOf, segmentsOf, surveyKinds } from "./scales.ts";
import type { Segment, SurveyKind } from "./scales.ts";

// Every score of every scale, written out by hand from DESIGN.md rather than derived from the code.
const expected: Record<SurveyKind, Record<number, Segment>> = {
  nps: {
    0: "detractor",
    1: "detractor",
    2: "detractor",
    3: "detractor",
    4: "detractor",
    5: "detractor",
    6: "detractor",
    7: "passive",
    8: "passive",
    9: "promoter",
    10: "promoter",
  },
  csat: { 1: "unhappy", 2: "unhappy", 3: "neutral", 4: "happy", 5: "happy" },
  ces: { 1: "unhappy", 2: "unhappy", 3: "unhappy", 4: "neutral", 5: "happy", 6: "happy", 7: "happy" },
};

describe("scaleOf", () => {
  it("gives each kind's range", () => {
    expect(scaleOf("nps")).toEqual({ min: 0, max: 10 });
    expect(scaleOf("csat")).toEqual({ min: 1, max: 5 });
    expect(scaleOf("ces")).toEqual({ min: 1, max: 7 });
  });

  it("returns a copy callers cannot use to corrupt the table", () => {
    scaleOf("nps").max = 99;
    expect(scaleOf("nps").max).toBe(10);
  });
});

describe("segmentOf", () => {
  for (const kind of surveyKinds) {
    const { min, max } = scaleOf(kind);
    for (let score = min; score <= max; score++) {
      it(`${kind} ${score} → ${expected[kind][score]}`, () => {
        expect(segmentOf(kind, score)).toBe(expected[kind][score]);
      });
    }
  }

  it("covers exactly the scale: the expected table has one entry per score", () => {
    for (const kind of surveyKinds) {
      const { min, max } = scaleOf(kind);
      expect(Object.keys(expected[kind]).map(Number)).toEqual(
        Array.from({ length: max - min + 1 }, (_, i) => min + i),
      );
    }
  });

  const rejected: [SurveyKind, number][] = [
    ["nps", -1],
    ["nps", 11],
    ["nps", 2.5],
    ["nps", NaN],
    ["nps", Infinity],
    ["csat", 0],
    ["csat", 6],
    ["csat", -1],
    ["csat", 11],
    ["csat", 2.5],
    ["csat", NaN],
    ["ces", 0],
    ["ces", 8],
    ["ces", -1],
    ["ces", 11],
    ["ces", 2.5],
    ["ces", NaN],
  ];
  for (const [kind, score] of rejected) {
    it(`rejects ${kind} score ${score}`, () => {
      expect(() => segmentOf(kind, score)).toThrow(RangeError);
    });
  }
});

describe("segmentsOf", () => {
  it("lists segments low to high", () => {
    expect(segmentsOf("nps")).toEqual(["detractor", "passive", "promoter"]);
    expect(segmentsOf("csat")).toEqual(["unhappy", "neutral", "happy"]);
    expect(segmentsOf("ces")).toEqual(["unhappy", "neutral", "happy"]);
  });
});

describe("isSurveyKind", () => {
  it("accepts the three kinds only", () => {
    for (const kind of surveyKinds) expect(isSurveyKind(kind)).toBe(true);
    expect(isSurveyKind("NPS")).toBe(false);
    expect(isSurveyKind("rating")).toBe(false);
    expect(isSurveyKind(undefined)).toBe(false);
  });
});

describe("countSegments", () => {
  it("sums an NPS histogram", () => {
    // scores 0..10: 1+2+0+0+0+0+3 = 6 detractors, 4+5 = 9 passives, 6+7 = 13 promoters
    const c = countSegments("nps", [1, 2, 0, 0, 0, 0, 3, 4, 5, 6, 7]);
    expect(c).toEqual({ detractor: 6, passive: 9, promoter: 13, unhappy: 0, neutral: 0, happy: 0 });
  });

  it("accepts a short histogram and treats missing scores as 0", () => {
    // csat: index 0 unused; 1→2, 2→3 unhappy; 3→4 neutral
    expect(countSegments("csat", [0, 2, 3, 4])).toMatchObject({ unhappy: 5, neutral: 4, happy: 0 });
  });

  it("rejects responses outside the kind's scale", () => {
    expect(() => countSegments("csat", [1, 0, 0, 0, 0, 0])).toThrow(RangeError); // a 0 on CSAT
    expect(() => countSegments("csat", [0, 0, 0, 0, 0, 0, 1])).toThrow(RangeError); // a 6 on CSAT
    expect(() => countSegments("ces", [0, 0, 0, 0, 0, 0, 0, 0, 1])).toThrow(RangeError); // an 8 on CES
    expect(() => countSegments("nps", [...Array<number>(11).fill(0), 1])).toThrow(RangeError); // an 11
  });

  it("allows zeros at unused indexes", () => {
    expect(countSegments("csat", Array<number>(11).fill(0)).happy).toBe(0);
  });

  it("rejects negative, fractional and non-finite counts", () => {
    expect(() => countSegments("nps", [-1])).toThrow(RangeError);
    expect(() => countSegments("nps", [1.5])).toThrow(RangeError);
    expect(() => countSegments("nps", [NaN])).toThrow(RangeError);
    expect(() => countSegments("nps", [Infinity])).toThrow(RangeError);
  });
});
