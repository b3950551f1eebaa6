// What operators see of the jobs: `koe jobs` and GET /api/v1/jobs list queued and dead jobs with their
// errors; an instance owner every job, each workspace's operators only their own workspace's; a dead job is
// retried (`koe jobs retry`, POST /api/v1/jobs/{id}/retry), anything else is refused. No worker runs here:
// a job dies by being fetched and failed through pg-boss, so no time passes.
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { jobsCommand } from "../cli/jobs.ts";
import type { OpenDatabase } from "../db/open.ts";
import { testClient, type TestClient } from "../../test/app.ts";
import { openTestDatabase } from "../../test/database.ts";
import { openBoss, useBoss } from "./boss.ts";
import { defineJob } from "./define.ts";
import { enqueue } from "./enqueue.ts";
import { listJobs } from "./job-list.ts";

let open: OpenDatabase;
let boss: PgBoss;
let release: () => void;
let api: TestClient;
const run = Math.random().toString(36).slice(2, 8);
const job = defineJob({
  name: `test.operated-${run}`,
  schema: z.object({ workspaceId: z.string().optional(), n: z.number() }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async handler() {},
});

/** Takes the next job of the queue and fails it with `message`: out of attempts, it is dead. */
async function kill(message: string): Promise<string> {
  const [taken] = await boss.fetch(job.name);
  await boss.fail(job.name, taken!.id, { message });
  return taken!.id;
}

let dead: string;
let queued: string;
let otherWorkspaces: string;

beforeAll(async () => {
  open = await openTestDatabase();
  boss = await openBoss(open.db, { supervise: false });
  release = useBoss(open.db, boss);
  await boss.createQueue(job.name, { retryLimit: 0 });
  api = await testClient(open.db);
  dead = (await enqueue(open.db, job, { workspaceId: api.workspaceId, n: 1 }))!;
  await kill("SMTP 550: mailbox unavailable");
  queued = (await enqueue(open.db, job, { n: 2 }))!;
  otherWorkspaces = (await enqueue(open.db, job, {
    workspaceId: "0190b3b4-0000-7000-8000-000000000000",
    n: 3,
  }))!;
});

afterAll(async () => {
  release();
  await boss.stop({ graceful: false });
  await open.close();
});

describe("koe jobs", () => {
  it("lists the jobs with their state, attempts and error, and filters by state", async () => {
    const lines: string[] = [];
    await jobsCommand(open.db, { sub: undefined, rest: [], queue: job.name }, (l) => lines.push(l));
    expect(lines[0]).toBe("queued 2 · running 0 · failed 0 · dead 1 · done 0 · cancelled 0");
    const deadLine = lines.find((l) => l.startsWith(dead))!;
    expect(deadLine).toMatch(/dead +test\.operated-\w+ +1\/1 .*SMTP 550: mailbox unavailable$/);
    expect(lines.some((l) => l.startsWith(queued) && /queued +test\.operated/.test(l))).toBe(true);

    const deadOnly: string[] = [];
    await jobsCommand(open.db, { sub: undefined, rest: [], state: "dead", queue: job.name }, (l) =>
      deadOnly.push(l),
    );
    expect(deadOnly.slice(1).map((l) => l.slice(0, 36))).toEqual([dead]);
    await expect(jobsCommand(open.db, { sub: undefined, rest: [], state: "gone" }, () => {})).rejects.toThrow(
      /--state must be one of/,
    );
  });

  it("retries a dead job, and refuses one that is not dead", async () => {
    const lines: string[] = [];
    const id = await (async () => {
      await enqueue(open.db, job, { n: 4 });
      // The oldest queued job is taken first: the one enqueued in beforeAll.
      return kill("timeout");
    })();
    await jobsCommand(open.db, { sub: "retry", rest: [id] }, (l) => lines.push(l));
    expect(lines).toEqual([`retrying ${id} (${job.name}), attempt 2 of 2`]);
    const { data } = await listJobs(open.db, { queue: job.name, state: "failed" });
    expect(data.map((j) => j.id)).toContain(id);
    await expect(jobsCommand(open.db, { sub: "retry", rest: [id] }, () => {})).rejects.toThrow(
      /only a dead job/,
    );
  });
});

describe("GET /api/v1/jobs and POST /api/v1/jobs/{id}/retry", () => {
  it("shows owners and admins their workspace's jobs, never the instance's loops or another workspace's", async () => {
    const res = await api.call("GET", `/api/v1/jobs?queue=${job.name}`);
    expect(res.status).toBe(200);
    const ids = (res.body.data as { id: string }[]).map((j) => j.id);
    expect(ids).toContain(dead);
    expect(ids).not.toContain(otherWorkspaces);
    // A job with no workspace works for all of them (its error may name any): instance owners only.
    expect(ids).not.toContain(queued);
    expect((await api.call("POST", `/api/v1/jobs/${queued}/retry`)).status).toBe(404);
    const row = (res.body.data as { id: string }[]).find((j) => j.id === dead);
    expect(row).toMatchObject({
      queue: job.name,
      state: "dead",
      attempts: 1,
      maxAttempts: 1,
      error: "SMTP 550: mailbox unavailable",
      payload: { workspaceId: api.workspaceId, n: 1 },
    });
    expect(res.body.counts.dead).toBeGreaterThanOrEqual(1);
    expect((await (await api.as("admin")).call("GET", "/api/v1/jobs")).status).toBe(200);
    expect((await (await api.as("member")).call("GET", "/api/v1/jobs")).status).toBe(403);
    expect((await api.call("GET", "/api/v1/jobs?state=lost")).status).toBe(422);
  });

  it("retries a dead job once; a job it cannot see is not found", async () => {
    expect((await (await api.as("viewer")).call("POST", `/api/v1/jobs/${dead}/retry`)).status).toBe(403);
    const retried = await api.call("POST", `/api/v1/jobs/${dead}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: dead, state: "failed", maxAttempts: 2 });
    expect((await api.call("POST", `/api/v1/jobs/${dead}/retry`)).status).toBe(409);
    expect((await api.call("POST", `/api/v1/jobs/${otherWorkspaces}/retry`)).status).toBe(404);
  });
});
