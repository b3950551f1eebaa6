// The job runner on pg-boss, on the test database: a job enqueued in a rolled-back transaction never runs,
// one in a committed transaction runs once (even when its worker is SIGKILLed inside its work), failures
// retry with backoff and then are dead, and a singleton job never runs twice at once. Time is pg-boss's
// TestClock, attached to the database so that SQL and the runner agree on now.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { TestClock } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { inject } from "vitest";
import { outboxMailer } from "../channels/email/outbox-mailer.ts";
import { openEmbedded, type Db, type OpenDatabase } from "../db/open.ts";
import { onPostgres, openTestDatabase } from "../../test/database.ts";
import { effectsOf, effectTable, killableJob } from "../../test/jobs.ts";
import { JOB_SCHEMA } from "./boss.ts";
import { defineJob, type AnyJob } from "./define.ts";
import { enqueue } from "./enqueue.ts";
import { startRunner, type JobRunner } from "./runner.ts";
import { campaignClockJob } from "./campaign-clock.ts";
import { mailStepJob } from "./mail-worker.ts";
import { testClient } from "../../test/app.ts";

let open: OpenDatabase;
let clock: TestClock;
const runners: JobRunner[] = [];
/** Names unique to this run, so a shared PostgreSQL database's other files never meet these jobs. */
const run = Math.random().toString(36).slice(2, 8);

const services = (db: Db, c: TestClock) => ({
  db,
  clock: c,
  mailer: outboxMailer(db),
  links: { secret: "x".repeat(32), baseUrl: "http://koe.test" },
  config: { mailLeaseSeconds: 60, parallelExpansion: false },
});

async function runner(jobs: AnyJob[], db = open.db, c = clock): Promise<JobRunner> {
  const r = await startRunner({ jobs, services: services(db, c), onError: (e) => console.error(e) });
  runners.push(r);
  return r;
}

/** Moves the test clock a second at a time (pg-boss polls and retries on it) until `done`. */
async function until(done: () => Promise<boolean>, seconds = 60, c = clock): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    if (await done()) return;
    await c.tick(1_000);
  }
  if (!(await done())) throw new Error(`not done after ${seconds} s of the test clock`);
}

const jobRow = async (db: Db, id: string) =>
  (
    await sql<{ state: string; retry_count: number; output: { message?: string } | null }>`
      select state, retry_count, output from ${sql.table(`${JOB_SCHEMA}.job`)} where id = ${id}`.execute(db)
  ).rows[0];

beforeAll(async () => {
  open = await openTestDatabase();
  await effectTable(open.db);
  clock = new TestClock(Date.now());
});

afterAll(async () => {
  for (const r of runners.reverse()) await r.stop(0);
  await open.close();
});

describe("the job runner", () => {
  it("never runs a job enqueued in a rolled-back transaction, and runs a committed one once", async () => {
    const job = killableJob(`test.tx-${run}`);
    await runner([job]);
    await open.db
      .transaction()
      .execute(async (trx) => {
        await enqueue(trx, job, { key: "rolled back" });
        throw new Error("roll back");
      })
      .catch(() => {});
    const id = await open.db.transaction().execute((trx) => enqueue(trx, job, { key: "committed" }));
    await until(async () => (await jobRow(open.db, id!))?.state === "completed");
    await clock.tick(10_000);
    expect(await effectsOf(open.db, job.name)).toEqual([{ job_id: id, payload_key: "committed", runs: 1 }]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(`${JOB_SCHEMA}.job`)} where name = ${job.name}`.execute(
      open.db,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("refuses a payload its schema does not take, before anything is written", async () => {
    const job = killableJob(`test.tx-${run}`);
    // @ts-expect-error the key must be a string
    await expect(enqueue(open.db, job, { key: 1 })).rejects.toThrow();
  });

  it("retries a failing job with backoff, then keeps it dead with its error", async () => {
    const tries: number[] = [];
    const job = defineJob({
      name: `test.failing-${run}`,
      schema: z.object({}),
      retry: { limit: 3, delaySeconds: 10, backoff: true },
      async handler() {
        tries.push(clock.now());
        throw new Error(`SMTP said no (try ${tries.length})`);
      },
    });
    await runner([job]);
    const id = await enqueue(open.db, job, {});
    await until(async () => (await jobRow(open.db, id!))?.state === "failed", 600);
    expect(tries).toHaveLength(4);
    const gaps = tries.slice(1).map((t, i) => (t - tries[i]!) / 1000);
    // retryDelay * 2^n, with up to the same again of jitter: ≥ 10, ≥ 20, ≥ 40 seconds.
    expect(gaps[0]).toBeGreaterThanOrEqual(10);
    expect(gaps[1]).toBeGreaterThanOrEqual(20);
    expect(gaps[2]).toBeGreaterThanOrEqual(40);
    const row = await jobRow(open.db, id!);
    expect(row).toMatchObject({ state: "failed", retry_count: 3 });
    expect(row!.output?.message).toBe("SMTP said no (try 4)");
  });

  it("never runs a singleton job on two runners at once", async () => {
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = defineJob({
      name: `test.singleton-${run}`,
      schema: z.object({ n: z.number() }),
      singletonKey: "one",
      retry: { limit: 0, delaySeconds: 0, backoff: false },
      async handler(payload) {
        running++;
        most = Math.max(most, running);
        await gate;
        ran.push(String(payload.n));
        running--;
      },
    });
    await runner([job]);
    await runner([job]);
    expect(await enqueue(open.db, job, { n: 1 })).toBeTruthy();
    await until(async () => running === 1);
    // One queued beside the running one; a third while one is queued is the same work, refused.
    expect(await enqueue(open.db, job, { n: 2 })).toBeTruthy();
    expect(await enqueue(open.db, job, { n: 3 })).toBeNull();
    for (let i = 0; i < 10; i++) await clock.tick(1_000);
    expect(most).toBe(1);
    release();
    await until(async () => ran.length === 2);
    expect(ran).toEqual(["1", "2"]);
    expect(most).toBe(1);
  });
});

describe("Koe's own jobs", () => {
  it("send a launched campaign within seconds: the campaign clock and the mail step queue their next runs", async () => {
    const api = await testClient(open.db);
    await api.call("PATCH", "/api/v1/workspace", {
      settings: { fatigue: { quietStart: "00:00", quietEnd: "00:00" } },
    });
    const survey = await api.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      question: { en: "Would you recommend us?" },
      followUps: {},
      defaultLocale: "en",
      status: "active",
    });
    await api.call("POST", "/api/v1/contacts", { email: "soon@example.com", locale: "en" });
    await clock.setTime(Date.now());
    const r = await startRunner({
      jobs: [mailStepJob, campaignClockJob],
      services: {
        ...services(open.db, clock),
        config: { mailLeaseSeconds: 60, parallelExpansion: false, workspaceId: api.workspaceId },
      },
    });
    runners.push(r);
    // Idle for a while first: the loops keep queuing their next runs (a chain that ends would never send).
    for (let i = 0; i < 10; i++) await clock.tick(1_000);
    const c = await api.call("POST", "/api/v1/campaigns", {
      name: "soon",
      surveyId: survey.body.id,
      audience: { kind: "all" },
    });
    await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`);
    await clock.setTime(Math.max(clock.now(), Date.now()));
    const launched = clock.now();
    const outbox = async () =>
      (await api.call("GET", "/api/v1/outbox?to=soon@example.com")).body.data as unknown[];
    await until(async () => (await outbox()).length === 1, 10);
    // The campaign clock runs every 2 s and the mail step every second, each fetched within half a second.
    expect(clock.now() - launched).toBeLessThanOrEqual(5_000);
  });
});

const child = resolve(dirname(fileURLToPath(import.meta.url)), "../../test/job-child.ts");

/** Runs test/job-child.ts until its handler is inside its transaction, then SIGKILLs it. */
async function killInsideHandler(env: Record<string, string>): Promise<void> {
  const proc = spawn(process.execPath, ["--import", "tsx", child], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout.on("data", (b: Buffer) => (out += b.toString()));
  proc.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise((r) => proc.once("exit", r));
  await new Promise<void>((done, fail) => {
    proc.stdout.on("data", () => out.includes("inside the handler") && done());
    proc.once("exit", () => fail(new Error(`the child stopped before its handler ran:\n${out}`)));
  });
  proc.kill("SIGKILL");
  await exited;
}

describe("a worker killed in the middle of a job", () => {
  it.skipIf(!onPostgres())(
    "PostgreSQL: another runner runs it after it expires, once",
    async () => {
      const name = `test.killed-${run}`;
      await killInsideHandler({ DATABASE_URL: inject("testDatabaseUrl")!, JOB_NAME: name });
      const [job] = (
        await sql<{ id: string; state: string }>`
        select id, state from ${sql.table(`${JOB_SCHEMA}.job`)} where name = ${name}`.execute(open.db)
      ).rows;
      expect(job?.state).toBe("active");
      expect(await effectsOf(open.db, name)).toEqual([]);
      // The killed run holds the job until it expires (30 s); the clock moves there instead of waiting.
      await runner([killableJob(name)]);
      await until(async () => (await jobRow(open.db, job!.id))?.state === "completed", 120);
      expect(await effectsOf(open.db, name)).toEqual([
        { job_id: job!.id, payload_key: "killed-mid-run", runs: 1 },
      ]);
      expect((await jobRow(open.db, job!.id))?.retry_count).toBe(1);
    },
    60_000,
  );

  it.skipIf(onPostgres())(
    "embedded: the next start on the data dir runs it again, once",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "koe-jobs-kill-"));
      const name = `test.killed-${run}`;
      try {
        await killInsideHandler({ KOE_DATA_DIR: dir, JOB_NAME: name });
        const restarted = await openEmbedded(dir);
        try {
          const c = new TestClock(Date.now());
          const r = await startRunner({ jobs: [killableJob(name)], services: services(restarted.db, c) });
          try {
            const [job] = (
              await sql<{
                id: string;
              }>`select id from ${sql.table(`${JOB_SCHEMA}.job`)} where name = ${name}`.execute(restarted.db)
            ).rows;
            await until(async () => (await jobRow(restarted.db, job!.id))?.state === "completed", 10, c);
            expect(await effectsOf(restarted.db, name)).toEqual([
              { job_id: job!.id, payload_key: "killed-mid-run", runs: 1 },
            ]);
          } finally {
            await r.stop(0);
          }
        } finally {
          await restarted.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
