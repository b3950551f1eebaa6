// A job's definition: its queue name, payload schema, handler, retry policy and schedule. Every job Koe
// runs is one of these, listed once in registry.ts; the runner (runner.ts) works them on pg-boss.
import type { z } from "zod";
import type { Mailer } from "../channels/email/mailer.ts";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/open.ts";
import type { LinkSigner } from "../domain/sends/send-schema.ts";

export interface RetryPolicy {
  /** Attempts after the first; after the last, the job is dead (pg-boss's `failed` state). */
  limit: number;
  delaySeconds: number;
  /** Doubles the delay each attempt (with jitter), up to maxDelaySeconds. */
  backoff: boolean;
  maxDelaySeconds?: number;
}

/**
 * `cron`: pg-boss's scheduler enqueues the job (per minute at best). `everySeconds`: the job enqueues its
 * own next run when it ends (at once when its handler says there is more), with a per-minute cron as the
 * floor that restarts the chain after a crash; for loops that must react within a second or so.
 */
export type JobSchedule = { cron: string } | { everySeconds: number };

/** What the services a handler needs: the database, the clock, the mail and its links, the settings. */
export interface JobServices {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  links: LinkSigner;
  config: {
    /** How long a claimed message is the mail step's (KOE_MAIL_LEASE_SECONDS). */
    mailLeaseSeconds: number;
    /** Expand a campaign on two connections at once (PostgreSQL). */
    parallelExpansion: boolean;
    /** Only this workspace's mail, campaigns and rollups (a dedicated worker; tests). */
    workspaceId?: string | undefined;
  };
}

export interface JobContext extends JobServices {
  job: { id: string; name: string; retryCount: number; signal: AbortSignal };
}

/** A handler may ask to run again at once (an `everySeconds` job with more work waiting). */
export type JobOutcome = void | { again: boolean };

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** The pg-boss queue; letters, digits, `.`, `-` and `_`. */
  name: string;
  schema: S;
  handler(payload: z.output<S>, ctx: JobContext): Promise<JobOutcome>;
  retry: RetryPolicy;
  schedule?: JobSchedule;
  /** Jobs with a key are on a `stately` queue: one queued and one running per key, never two at once. */
  singletonKey?: string;
  /** How long a run may take before it is taken as dead (its worker killed) and retried. */
  expireInSeconds?: number;
  /** Jobs fetched at once (their handlers run side by side); jobs with a singleton key run one at a time. */
  batchSize?: number;
  /** How long finished jobs are kept, for operators to see (default a week). */
  keepSeconds?: number;
}

export type AnyJob = JobDefinition<z.ZodType>;

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  if (!/^[\w.-]+$/.test(def.name)) throw new Error(`job name "${def.name}": letters, digits, . - _ only`);
  if (def.schedule && "everySeconds" in def.schedule && !def.singletonKey)
    throw new Error(`job ${def.name}: a job that reschedules itself needs a singletonKey`);
  return def;
}
