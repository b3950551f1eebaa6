import { describe, expect, it } from "vitest";
import { quietHoursEnd, zoneOrDefault } from "./quiet-hours.ts";

const at = (iso: string) => new Date(iso);
const end = (now: string, zone: string, start = "21:00", stop = "08:00") =>
  quietHoursEnd(at(now), zone, start, stop)?.toISOString();

describe("quiet hours wrapping midnight (21:00–08:00)", () => {
  it("postpones a late evening to 08:00 the next morning on the contact's clock", () => {
    // 22:30 in Tokyo (UTC+9) → 08:00 JST the next day.
    expect(end("2026-01-15T13:30:00Z", "Asia/Tokyo")).toBe("2026-01-15T23:00:00.000Z");
  });

  it("postpones an early morning to 08:00 the same morning", () => {
    expect(end("2026-01-15T22:00:00Z", "Asia/Tokyo")).toBe("2026-01-15T23:00:00.000Z");
  });

  it("lets the day through, with the start inside and the end outside the window", () => {
    expect(end("2026-01-15T03:00:00Z", "Asia/Tokyo")).toBeUndefined();
    expect(end("2026-01-15T12:00:00Z", "Asia/Tokyo")).toBe("2026-01-15T23:00:00.000Z"); // 21:00 sharp
    expect(end("2026-01-15T11:59:59Z", "Asia/Tokyo")).toBeUndefined(); // 20:59:59
    expect(end("2026-01-15T23:00:00Z", "Asia/Tokyo")).toBeUndefined(); // 08:00 sharp
    expect(end("2026-01-15T22:59:30Z", "Asia/Tokyo")).toBe("2026-01-15T23:00:00.000Z"); // 07:59:30
  });

  it("follows half-hour offsets", () => {
    // 21:30 in Kolkata (UTC+5:30) → 08:00 IST = 02:30 UTC.
    expect(end("2026-01-15T16:00:00Z", "Asia/Kolkata")).toBe("2026-01-16T02:30:00.000Z");
  });

  it("follows summer time: 08:00 in London in July is 07:00 UTC", () => {
    expect(end("2026-07-01T21:00:00Z", "Europe/London")).toBe("2026-07-02T07:00:00.000Z");
  });
});

describe("quiet hours within a day (12:00–13:00)", () => {
  it("postpones to the end of the window and lets the rest of the day through", () => {
    expect(end("2026-01-15T03:30:00Z", "Asia/Tokyo", "12:00", "13:00")).toBe("2026-01-15T04:00:00.000Z");
    expect(end("2026-01-15T04:00:00Z", "Asia/Tokyo", "12:00", "13:00")).toBeUndefined();
    expect(end("2026-01-15T02:59:00Z", "Asia/Tokyo", "12:00", "13:00")).toBeUndefined();
    expect(end("2026-01-15T13:30:00Z", "Asia/Tokyo", "12:00", "13:00")).toBeUndefined();
  });
});

it("has no quiet hours when start and end are equal", () => {
  for (const hour of ["00", "03", "08", "21"]) {
    expect(end(`2026-01-15T${hour}:00:00Z`, "Asia/Tokyo", "08:00", "08:00")).toBeUndefined();
  }
});

describe("daylight saving time in America/New_York", () => {
  // 2026-03-08: 02:00 EST (07:00 UTC) jumps to 03:00 EDT. 2026-11-01: 02:00 EDT (06:00 UTC) falls back to 01:00 EST.
  it("ends at 08:00 EDT, not 08:00 EST, on the spring-forward night", () => {
    expect(end("2026-03-08T04:00:00Z", "America/New_York")).toBe("2026-03-08T12:00:00.000Z"); // from 23:00 EST
    expect(end("2026-03-08T06:30:00Z", "America/New_York")).toBe("2026-03-08T12:00:00.000Z"); // from 01:30 EST
  });

  it("ends when the clock jumps when the end time is skipped", () => {
    // Quiet until 02:30, which does not exist that night: over at 03:00 EDT.
    expect(end("2026-03-08T05:00:00Z", "America/New_York", "21:00", "02:30")).toBe(
      "2026-03-08T07:00:00.000Z",
    );
  });

  it("ends at 08:00 EST on the fall-back night", () => {
    expect(end("2026-11-01T02:00:00Z", "America/New_York")).toBe("2026-11-01T13:00:00.000Z"); // from 22:00 EDT
  });

  it("ends at the next 01:30 during the repeated hour", () => {
    // 01:10 EDT → 01:30 EDT; 01:10 EST (the second time round) → 01:30 EST, never in the past.
    expect(end("2026-11-01T05:10:00Z", "America/New_York", "01:00", "01:30")).toBe(
      "2026-11-01T05:30:00.000Z",
    );
    expect(end("2026-11-01T06:10:00Z", "America/New_York", "01:00", "01:30")).toBe(
      "2026-11-01T06:30:00.000Z",
    );
  });
});

it("uses the workspace's zone when the contact's is unknown or absent", () => {
  expect(zoneOrDefault("Europe/London", "Asia/Tokyo")).toBe("Europe/London");
  expect(zoneOrDefault(null, "Asia/Tokyo")).toBe("Asia/Tokyo");
  expect(zoneOrDefault("", "Asia/Tokyo")).toBe("Asia/Tokyo");
  expect(zoneOrDefault("Mars/Olympus_Mons", "Asia/Tokyo")).toBe("Asia/Tokyo");
});

it("refuses a time that is not HH:MM", () => {
  expect(() => quietHoursEnd(at("2026-01-15T00:00:00Z"), "Asia/Tokyo", "9pm", "08:00")).toThrow(RangeError);
  expect(() => quietHoursEnd(at("2026-01-15T00:00:00Z"), "Asia/Tokyo", "21:00", "24:00")).toThrow(RangeError);
});
