// What operators see of the jobs (`koe jobs`, GET /api/v1/jobs): each job's state in Koe's words, its
// attempts and its last error, read from pg-boss's job table; and retrying a dead one.
import { sql } from "kysely";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { Db } from "../db/open.ts";
import { ConflictError, NotFoundError } from "../domain/errors.ts";
import { JOB_SCHEMA } from "./boss.ts";

/**
 * queued: waiting to run (or to its start time); running: a worker has it; failed: an attempt failed and
 * it waits for its next; dead: its last attempt failed (retry it by hand); done; cancelled.
 */
export const jobStates = ["queued", "running", "failed", "dead", "done", "cancelled"] as const;
export type JobState = (typeof jobStates)[number];

const bossState: Record<JobState, string> = {
  queued: "created",
  running: "active",
  failed: "retry",
  dead: "failed",
  done: "completed",
  cancelled: "cancelled",
};
const koeState = Object.fromEntries(Object.entries(bossState).map(([k, v]) => [v, k])) as Record<
  string,
  JobState
>;

export const jobSummarySchema = z
  .object({
    id: z.string(),
    queue: z.string().describe("the job's name in the registry, e.g. mail.step"),
    state: z.enum(jobStates),
    attempts: z.number().int().describe("attempts started so far"),
    maxAttempts: z.number().int(),
    singletonKey: z.string().nullable(),
    payload: z.unknown(),
    error: z.string().nullable().describe("the last failed attempt's error"),
    createdAt: z.string(),
    startAfter: z.string().describe("not run before this time (the next retry, for a failed job)"),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: "Job" });
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobCountsSchema = z.object(
  Object.fromEntries(jobStates.map((s) => [s, z.number().int()])) as Record<JobState, z.ZodNumber>,
);

export const jobListQuery = z.object({
  state: z.enum(jobStates).optional().describe("default: every state but done and cancelled"),
  queue: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type JobListQuery = z.input<typeof jobListQuery>;

interface JobRow {
  id: string;
  name: string;
  state: string;
  data: unknown;
  output: { message?: unknown } | null;
  retry_count: number;
  retry_limit: number;
  singleton_key: string | null;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
}

const jobTable = sql.table(`${JOB_SCHEMA}.job`);

/**
 * Jobs an operator may see: every one (an instance owner), or (`workspaceId`) that workspace's own. The
 * instance's loops (mail, campaign clock, rollups, events) work for every workspace, and their errors may
 * speak of any: only instance owners see them.
 */
const visibleTo = (workspaceId: string | undefined) =>
  workspaceId ? sql`data->>'workspaceId' = ${workspaceId}` : sql`true`;

function summary(r: JobRow): JobSummary {
  const state = koeState[r.state] ?? "queued";
  const failed = state === "failed" || state === "dead";
  return {
    id: r.id,
    queue: r.name,
    state,
    // retry_count counts the attempts after the first that have started.
    attempts: r.started_on ? r.retry_count + 1 : r.retry_count,
    maxAttempts: r.retry_limit + 1,
    singletonKey: r.singleton_key,
    payload: r.data,
    error: failed && r.output?.message !== undefined ? String(r.output.message) : null,
    createdAt: r.created_on.toISOString(),
    startAfter: r.start_after.toISOString(),
    startedAt: r.started_on?.toISOString() ?? null,
    finishedAt: r.completed_on?.toISOString() ?? null,
  };
}

export async function listJobs(
  db: Db,
  query: JobListQuery,
  opts: { workspaceId?: string } = {},
): Promise<{ data: JobSummary[]; counts: Record<JobState, number> }> {
  const q = jobListQuery.parse(query);
  const counts = Object.fromEntries(jobStates.map((s) => [s, 0])) as Record<JobState, number>;
  // No runner has started on this database yet: pg-boss's tables are not there, and no job either.
  const installed = await sql<{
    ok: boolean;
  }>`select to_regclass(${`${JOB_SCHEMA}.job`}) is not null as ok`.execute(db);
  if (!installed.rows[0]?.ok) return { data: [], counts };
  const states = q.state ? [bossState[q.state]] : ["created", "active", "retry", "failed"];
  const { rows } = await sql<JobRow>`
    select id, name, state::text as state, data, output, retry_count, retry_limit, singleton_key,
      created_on, start_after, started_on, completed_on
    from ${jobTable}
    where state::text in (${sql.join(states)}) ${q.queue ? sql`and name = ${q.queue}` : sql``}
      and ${visibleTo(opts.workspaceId)}
    order by created_on desc, id desc
    limit ${q.limit}`.execute(db);
  const counted = await sql<{ state: string; n: number }>`
    select state::text as state, count(*)::int as n from ${jobTable}
    where ${visibleTo(opts.workspaceId)} ${q.queue ? sql`and name = ${q.queue}` : sql``}
    group by state`.execute(db);
  for (const c of counted.rows) if (koeState[c.state]) counts[koeState[c.state]!] += c.n;
  return { data: rows.map(summary), counts };
}

/** Runs a dead job again (one more attempt, at once); the job as it is then. */
export async function retryJob(
  db: Db,
  /** Asked only for a job the caller may retry: a process without the queue still answers 404 or 409. */
  boss: () => PgBoss,
  id: string,
  opts: { workspaceId?: string } = {},
): Promise<JobSummary> {
  const find = async () =>
    (
      await sql<JobRow>`
        select id, name, state::text as state, data, output, retry_count, retry_limit, singleton_key,
          created_on, start_after, started_on, completed_on
        from ${jobTable} where id = ${id} and ${visibleTo(opts.workspaceId)}`.execute(db)
    ).rows[0];
  const job = z.uuid().safeParse(id).success ? await find() : undefined;
  if (!job) throw new NotFoundError(`job ${id} not found`);
  if (job.state !== "failed")
    throw new ConflictError(`job ${id} is ${koeState[job.state] ?? job.state}; only a dead job is retried`);
  await boss().retry(job.name, id);
  return summary((await find())!);
}
