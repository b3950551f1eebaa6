import { describe, expect, it } from "vitest";
import { proportion } from "./proportion.ts";

describe("proportion with a Wilson interval", () => {
  it("matches the textbook Wilson interval (e.g. 81 of 263 → 0.2553…0.3662)", () => {
    expect(proportion(81, 263)).toEqual({ rate: 0.308, interval: [0.2553, 0.3662] });
  });

  it("keeps a real width at 0 % and 100 %, inside 0…1", () => {
    const none = proportion(0, 10);
    expect(none.rate).toBe(0);
    expect(none.interval?.[0]).toBe(0);
    expect(none.interval?.[1]).toBeCloseTo(0.2775, 4);
    const all = proportion(10, 10);
    expect(all.interval?.[0]).toBeCloseTo(0.7225, 4);
    expect(all.interval?.[1]).toBe(1);
  });

  it("has no rate without any sends, and refuses impossible counts", () => {
    expect(proportion(0, 0)).toEqual({ rate: null, interval: null });
    expect(() => proportion(3, 2)).toThrow(RangeError);
    expect(() => proportion(-1, 2)).toThrow(RangeError);
  });
});
