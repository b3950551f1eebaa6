// The job runner: one pg-boss instance working every job definition it is given (registry.ts in
// `koe serve` and `koe worker`). Each job's payload is checked, its handler run with the services it
// needs, and its failure recorded as the job's error for retries and operators (`koe jobs`).
import { sql } from "kysely";
import type { Job, JobResult, PgBoss } from "pg-boss";
import { systemClock, type Clock } from "../clock.ts";
import { embeddedOf } from "../db/open.ts";
import { JOB_SCHEMA, onBossError, openBoss, useBoss } from "./boss.ts";
import type { AnyJob, JobServices } from "./define.ts";

export interface RunnerOptions {
  services: Omit<JobServices, "clock"> & { clock?: Clock };
  jobs: readonly AnyJob[];
  /** Jobs fetched per poll of a queue without a singleton key, unless its definition says (default 500). */
  batchSize?: number;
  /** How often an idle queue is polled. */
  pollingIntervalSeconds?: number;
  onError?: (e: unknown) => void;
}

export interface JobRunner {
  boss: PgBoss;
  /** Stops fetching, lets running handlers finish (up to `graceMs`), and closes pg-boss's connections. */
  stop(graceMs?: number): Promise<void>;
}

/** The error a failed job keeps (pg-boss stores the handler's rejection as the job's output). */
const failure = (e: unknown) =>
  e instanceof Error ? { message: e.message, name: e.name } : { message: String(e), name: "Error" };

export async function startRunner(opts: RunnerOptions): Promise<JobRunner> {
  const clock = opts.services.clock ?? systemClock;
  const services: JobServices = { ...opts.services, clock };
  const { db } = services;
  const onError = opts.onError ?? (() => {});
  const removeErrors = onBossError(onError);
  const boss = await openBoss(db, { clock });
  const release = useBoss(db, boss);

  for (const job of opts.jobs) {
    const queue = {
      policy: job.singletonKey ? "stately" : "standard",
      retryLimit: job.retry.limit,
      retryDelay: job.retry.delaySeconds,
      retryBackoff: job.retry.backoff,
      ...(job.retry.maxDelaySeconds ? { retryDelayMax: job.retry.maxDelaySeconds } : {}),
      expireInSeconds: job.expireInSeconds ?? 900,
      deleteAfterSeconds: job.keepSeconds ?? 7 * 86_400,
    } as const;
    await boss.createQueue(job.name, queue);
    const { policy: _policy, ...changeable } = queue;
    await boss.updateQueue(job.name, changeable);
  }

  // The embedded database is one process's (its data dir is locked): a job still running is one a killed
  // process left, so it fails now (and retries, if it may) instead of holding its queue until it expires.
  if (embeddedOf(db)) {
    for (const job of opts.jobs) {
      const { rows } = await sql<{ id: string }>`
        select id from ${sql.table(`${JOB_SCHEMA}.job`)} where name = ${job.name} and state = 'active'`.execute(
        db,
      );
      if (rows.length)
        await boss.fail(
          job.name,
          rows.map((r) => r.id),
          { message: "its process stopped while it ran", name: "Interrupted" },
        );
    }
  }

  const runOne = async (def: AnyJob, job: Job<unknown>): Promise<{ again: boolean }> => {
    const payload = def.schema.parse(job.data);
    const out = await def.handler(payload, {
      ...services,
      job: { id: job.id, name: job.name, retryCount: job.retryCount, signal: job.signal },
    });
    return { again: out?.again ?? false };
  };

  for (const def of opts.jobs) {
    const every = def.schedule && "everySeconds" in def.schedule ? def.schedule.everySeconds : undefined;
    if (def.singletonKey) {
      // One at a time: a batch of one, and (for a self-scheduling job) its next run queued before it ends.
      await boss.work(
        def.name,
        { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 },
        async ([job]: Job<unknown>[]) => {
          let again = false;
          try {
            ({ again } = await runOne(def, job!));
          } catch (e) {
            throw Object.assign(new Error(failure(e).message), failure(e));
          } finally {
            // Queued even while this process stops: another process (or the next start) runs it.
            if (every !== undefined)
              await boss
                .send(def.name, {}, { singletonKey: def.singletonKey!, startAfter: again ? 0 : every })
                .catch(onError);
          }
        },
      );
    } else {
      // Jobs that may run side by side: fetched in batches, each settled on its own.
      await boss.work(
        def.name,
        {
          // Large batches: one fetch and one settling statement for many jobs (bench/jobs.ts).
          batchSize: def.batchSize ?? opts.batchSize ?? 500,
          perJobResults: true,
          pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5,
          burstWhenBatchFull: true,
        },
        async (jobs: Job<unknown>[]): Promise<JobResult[]> =>
          Promise.all(
            jobs.map(async (job): Promise<JobResult> => {
              try {
                await runOne(def, job);
                return { id: job.id, status: "completed" };
              } catch (e) {
                return { id: job.id, status: "failed", output: failure(e) };
              }
            }),
          ),
      );
    }
    if (every !== undefined) {
      // The first run now, and a per-minute floor that restarts the chain if a killed worker broke it.
      await boss.send(def.name, {}, { singletonKey: def.singletonKey! });
      await boss.schedule(def.name, "* * * * *", {}, { singletonKey: def.singletonKey! });
    } else if (def.schedule && "cron" in def.schedule) {
      await boss.schedule(
        def.name,
        def.schedule.cron,
        {},
        def.singletonKey ? { singletonKey: def.singletonKey } : {},
      );
    }
  }

  return {
    boss,
    async stop(graceMs = 10_000) {
      release();
      await boss.stop({ graceful: true, timeout: graceMs });
      removeErrors();
    },
  };
}
