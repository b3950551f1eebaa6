import { describe, it, expect } from "vitest";
import { assertCount, boundedInterval, round2 } from "./numeric.ts";

describe("round2", () => {
  it("rounds to 2 decimals, halves away from zero", () => {
    expect(round2(15.308089)).toBe(15.31);
    expect(round2(14.69191)).toBe(14.69);
    expect(round2(1.005)).toBe(1.01); // stored as 1.00499…; a person expects 1.01
    expect(round2(2.675)).toBe(2.68);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(-0.525)).toBe(-0.53);
    expect(round2(100)).toBe(100);
  });

  it("never returns −0", () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(Object.is(round2(-0), 0)).toBe(true);
  });
});

describe("assertCount", () => {
  it("accepts non-negative integers and rejects the rest", () => {
    expect(() => assertCount(0, "x")).not.toThrow();
    expect(() => assertCount(12, "x")).not.toThrow();
    for (const bad of [-1, 0.5, NaN, Infinity, 2 ** 53]) {
      expect(() => assertCount(bad, "x")).toThrow(RangeError);
    }
  });
});

describe("boundedInterval", () => {
  it("clamps and rounds", () => {
    expect(boundedInterval(30, 15.308089, -100, 100)).toEqual([14.69, 45.31]);
    expect(boundedInterval(98.522, 2.038, -100, 100)).toEqual([96.48, 100]);
    expect(boundedInterval(1.3, 1.8, 0, 100)).toEqual([0, 3.1]);
  });
});
