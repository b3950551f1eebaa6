import { describe, expect, it } from "vitest";
import { canRetry, jobWhen } from "./job-view.ts";

const at = { startAfter: "2026-12-05T10:00:00Z", startedAt: "2026-12-05T10:00:01Z", finishedAt: null };

describe("a job in the jobs tab", () => {
  it("can be run again only when dead (the server refuses the rest with 409)", () => {
    expect(canRetry({ state: "dead" })).toBe(true);
    for (const state of ["queued", "running", "failed", "done", "cancelled"] as const)
      expect(canRetry({ state })).toBe(false);
  });

  it("shows the next run of a waiting or failed job, the start of a running one, the end of a finished one", () => {
    expect(jobWhen({ ...at, state: "failed" })).toEqual({ key: "jobs.next", time: at.startAfter });
    expect(jobWhen({ ...at, state: "queued", startedAt: null })).toEqual({
      key: "jobs.next",
      time: at.startAfter,
    });
    expect(jobWhen({ ...at, state: "running" })).toEqual({ key: "jobs.started", time: at.startedAt });
    const finishedAt = "2026-12-05T10:00:05Z";
    expect(jobWhen({ ...at, state: "dead", finishedAt })).toEqual({ key: "jobs.ended", time: finishedAt });
  });
});
