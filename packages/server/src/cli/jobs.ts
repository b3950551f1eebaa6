// `koe jobs [--state S] [--queue Q]` and `koe jobs retry ID`: the background jobs an operator looks at
// (queued, running, failed and dead, with their errors) and a dead job run again, from the terminal.
import { ConfigError } from "../config.ts";
import type { PgBoss } from "pg-boss";
import type { Db } from "../db/open.ts";
import { openBoss } from "../jobs/boss.ts";
import { jobListQuery, jobStates, listJobs, retryJob, type JobSummary } from "../jobs/job-list.ts";

export const jobsUsage = `koe jobs [--state S] [--queue Q]           background jobs and their errors (state: ${jobStates.join("|")}; default: all but done and cancelled)
  koe jobs retry ID                           run a dead job again`;

const line = (j: JobSummary) =>
  [
    j.id,
    j.state.padEnd(9),
    j.queue.padEnd(18),
    `${j.attempts}/${j.maxAttempts}`.padEnd(5),
    (j.state === "failed" ? `next ${j.startAfter}` : (j.finishedAt ?? j.startedAt ?? j.createdAt)).padEnd(29),
    j.error ?? "",
  ].join("  ");

/** Runs one `koe jobs …` command; `print` is the terminal (console.log in the process). */
export async function jobsCommand(
  db: Db,
  args: {
    sub: string | undefined;
    rest: string[];
    state?: string | undefined;
    queue?: string | undefined;
    /** The process's open queue (a server's); without it the command opens one for the retry. */
    boss?: (() => PgBoss) | undefined;
  },
  print: (line: string) => void,
): Promise<void> {
  if (args.sub === "retry") {
    const id = args.rest[0];
    if (!id) throw new ConfigError("usage: koe jobs retry <job id>");
    const retried = (boss: () => PgBoss) =>
      retryJob(db, boss, id).then((job) =>
        print(`retrying ${job.id} (${job.queue}), attempt ${job.attempts + 1} of ${job.maxAttempts}`),
      );
    if (args.boss) return retried(args.boss);
    const boss = await openBoss(db, { supervise: false });
    try {
      await retried(() => boss);
    } finally {
      await boss.stop({ graceful: false });
    }
    return;
  }
  if (args.sub !== undefined && args.sub !== "list") throw new ConfigError(`usage:\n  ${jobsUsage}`);
  const parsed = jobListQuery.safeParse({ state: args.state, queue: args.queue });
  if (!parsed.success) throw new ConfigError(`--state must be one of ${jobStates.join(", ")}`);
  const { data, counts } = await listJobs(db, parsed.data);
  print(jobStates.map((s) => `${s} ${counts[s]}`).join(" · "));
  for (const j of data) print(line(j));
}
