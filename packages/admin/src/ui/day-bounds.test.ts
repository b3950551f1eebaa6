import { describe, expect, it } from "vitest";
import { dayBounds } from "./day-bounds.ts";

describe("dayBounds", () => {
  it("keeps the whole last day of the period in the workspace's time zone", () => {
    expect(dayBounds("2026-11-24", "2026-12-01", "Asia/Tokyo")).toEqual({
      from: "2026-11-23T15:00:00.000Z",
      to: "2026-12-01T14:59:59.999Z",
    });
  });

  it("follows daylight saving time: a 23-hour and a 25-hour day", () => {
    expect(dayBounds("2026-03-08", "2026-03-08", "America/New_York")).toEqual({
      from: "2026-03-08T05:00:00.000Z",
      to: "2026-03-09T03:59:59.999Z",
    });
    expect(dayBounds("2026-11-01", "2026-11-01", "America/New_York")).toEqual({
      from: "2026-11-01T04:00:00.000Z",
      to: "2026-11-02T04:59:59.999Z",
    });
  });
});
