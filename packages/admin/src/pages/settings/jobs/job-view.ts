// How a background job reads in the jobs tab: its state's tone, the time worth showing beside it, and
// whether it can be run again (the server retries only a dead job: 409 otherwise).
import type { Job } from "../../../api/types.ts";

export type JobState = Job["state"];

export const stateTone: Record<JobState, "good" | "mid" | "bad" | "quiet"> = {
  queued: "quiet",
  running: "mid",
  failed: "mid",
  dead: "bad",
  done: "good",
  cancelled: "quiet",
};

export const canRetry = (job: Pick<Job, "state">): boolean => job.state === "dead";

/** The one time that says what comes next: the end of a finished job, the start of a running one, else the next run. */
export function jobWhen(job: Pick<Job, "state" | "startAfter" | "startedAt" | "finishedAt">): {
  key: "jobs.ended" | "jobs.started" | "jobs.next";
  time: string;
} {
  if (job.finishedAt && (job.state === "dead" || job.state === "done" || job.state === "cancelled"))
    return { key: "jobs.ended", time: job.finishedAt };
  if (job.state === "running" && job.startedAt) return { key: "jobs.started", time: job.startedAt };
  return { key: "jobs.next", time: job.startAfter };
}
