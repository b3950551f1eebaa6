import { describe, expect, it } from "vitest";
import { segmentUnder, segmentsFor } from "./segments.ts";

describe("segmentsFor", () => {
  it("gives CSAT and CES the rating segments, NPS and all surveys the NPS ones", () => {
    expect(segmentsFor("csat")).toEqual(["unhappy", "neutral", "happy"]);
    expect(segmentsFor("ces")).toEqual(["unhappy", "neutral", "happy"]);
    expect(segmentsFor("nps")).toEqual(["detractor", "passive", "promoter"]);
    expect(segmentsFor(undefined)).toEqual(["detractor", "passive", "promoter"]);
  });
});

describe("segmentUnder", () => {
  it("drops a segment the new kind does not have", () => {
    expect(segmentUnder("detractor", "csat")).toBe("");
    expect(segmentUnder("unhappy", "nps")).toBe("");
    expect(segmentUnder("happy", undefined)).toBe("");
    expect(segmentUnder("bogus", "nps")).toBe("");
  });

  it("keeps a segment the new kind shares (CSAT ↔ CES) and no segment as none", () => {
    expect(segmentUnder("unhappy", "ces")).toBe("unhappy");
    expect(segmentUnder("promoter", "nps")).toBe("promoter");
    expect(segmentUnder("", "csat")).toBe("");
  });
});
