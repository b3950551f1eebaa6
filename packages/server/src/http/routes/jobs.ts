// /api/v1/jobs: the background jobs for operators: queued, running, failed and dead ones with their errors,
// and a dead one run again. An instance owner sees every job; a workspace's owners and admins only jobs of
// their workspace (the instance's loops work for every workspace, and their errors may speak of any).
import { z } from "zod";
import type { Actor } from "../../domain/auth/actor.ts";
import { currentBoss } from "../../jobs/boss.ts";
import { jobCountsSchema, jobListQuery, jobSummarySchema, listJobs, retryJob } from "../../jobs/job-list.ts";
import { roleAtLeast } from "../../shared/roles.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const canOperateJobs = (actor: Actor) => roleAtLeast(actor.role, "admin");
const scopeOf = (actor: Actor) =>
  actor.kind === "user" && actor.instanceOwner ? {} : { workspaceId: actor.workspaceId };

const jobListSchema = z
  .object({
    data: z.array(jobSummarySchema).describe("newest first"),
    counts: jobCountsSchema.describe("jobs in each state, of those the caller sees"),
  })
  .meta({ id: "JobList" });

export function jobRoutes(deps: AppDeps) {
  const { db } = deps;
  const base = "/api/v1/jobs";
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listJobs",
        method: "get",
        path: base,
        summary:
          "Background jobs, newest first, with each state's count (an instance owner: all; owners and admins: their workspace's): queued, running, failed (waiting to retry) and dead (out of attempts) by default; filter by state and queue",
        tag: "Operations",
        access: { allowed: canOperateJobs, to: "see the background jobs" },
        query: jobListQuery,
        success: { status: 200, schema: jobListSchema },
        errors: [403, 422],
      }),
      async (c, { query }) => listJobs(db, query, scopeOf(c.var.actor)),
    ),
    route(
      operation({
        operationId: "retryJob",
        method: "post",
        path: `${base}/{id}/retry`,
        summary: "Run a dead job again, once more and at once (owners and admins); 409 if it is not dead",
        tag: "Operations",
        params: { id: z.uuid() },
        access: { allowed: canOperateJobs, to: "retry background jobs" },
        success: { status: 200, schema: jobSummarySchema },
        errors: [403, 404, 409, 422],
      }),
      async (c, { params }) => retryJob(db, currentBoss, params.id, scopeOf(c.var.actor)),
    ),
  ]);
}
