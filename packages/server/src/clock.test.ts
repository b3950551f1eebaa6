import { describe, expect, it } from "vitest";
import { ManualClock, dateOf } from "./clock.ts";

describe("ManualClock", () => {
  it("moves only when told, firing timers at their own times in order", async () => {
    const clock = new ManualClock("2026-03-01T00:00:00Z");
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 2_000);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 1_000);
    const every = clock.setInterval(() => fired.push(`i@${clock.now()}`), 1_500);
    const start = clock.now();
    await clock.advance(999);
    expect(fired).toEqual([]);
    await clock.advance(2_001);
    expect(fired).toEqual([
      `a@${start + 1000}`,
      `i@${start + 1500}`,
      `b@${start + 2000}`,
      `i@${start + 3000}`,
    ]);
    clock.clearInterval(every);
    await clock.advance(10_000);
    expect(fired).toHaveLength(4);
    expect(dateOf(clock).toISOString()).toBe("2026-03-01T00:00:13.000Z");
  });
});
