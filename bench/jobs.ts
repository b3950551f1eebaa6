// Jobs through pg-boss (packages/server/src/jobs/): N jobs with a no-op handler enqueued one call each
// (8 in flight, as concurrent requests would) while the runner works them, timed from the first enqueue
// to the last completion. Control, same run and same database: a bare INSERT of N rows (8 in flight) then
// a DELETE of each, which is the least any queue must do. On PostgreSQL (goal ≥ 2,000 jobs/s), then the
// embedded database (figure only). Also the same N enqueued in batches (one insert per 500).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { outboxMailer } from "../packages/server/src/channels/email/outbox-mailer.ts";
import { migrateToLatest } from "../packages/server/src/db/migrate.ts";
import { openEmbedded, type Db, type OpenDatabase } from "../packages/server/src/db/open.ts";
import { currentBoss, JOB_SCHEMA } from "../packages/server/src/jobs/boss.ts";
import { defineJob } from "../packages/server/src/jobs/define.ts";
import { enqueue } from "../packages/server/src/jobs/enqueue.ts";
import { startRunner } from "../packages/server/src/jobs/runner.ts";
import { freshDatabase } from "./support/postgres.ts";
import { int, log, printTable, ratio, runConcurrently, verdict } from "./support/measure.ts";

const GOAL = 2_000;
const IN_FLIGHT = 8;
const BATCH = Number(process.env.JOBS_BATCH ?? 500);
const noop = defineJob({
  name: "bench.noop",
  schema: z.object({ n: z.number() }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async handler() {},
});

const sleep = (msecs: number) => new Promise((r) => setTimeout(r, msecs));

async function completed(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`${JOB_SCHEMA}.job`)}
    where name = ${noop.name} and state = 'completed'`.execute(db);
  return rows[0]!.n;
}

/** Seconds from the first enqueue to the last completion, the runner working while jobs arrive. */
async function jobsRun(db: Db, n: number, batched: boolean): Promise<number> {
  const before = await completed(db);
  const t0 = performance.now();
  if (batched) {
    const boss = currentBoss();
    for (let i = 0; i < n; i += 500)
      await boss.insert(
        noop.name,
        Array.from({ length: Math.min(500, n - i) }, (_, k) => ({ data: { n: i + k } })),
      );
  } else {
    await runConcurrently(
      Array.from({ length: n }, (_, i) => i),
      IN_FLIGHT,
      async (i) => void (await enqueue(db, noop, { n: i })),
    );
  }
  while ((await completed(db)) - before < n) await sleep(20);
  return (performance.now() - t0) / 1000;
}

/** The control: N single-row INSERTs (8 in flight), then N single-row DELETEs (8 in flight). */
async function controlRun(db: Db, n: number): Promise<number> {
  await sql`create table if not exists bench_bare_jobs (id uuid primary key default gen_random_uuid(), data jsonb not null)`.execute(
    db,
  );
  const ids: string[] = [];
  const t0 = performance.now();
  await runConcurrently(
    Array.from({ length: n }, (_, i) => i),
    IN_FLIGHT,
    async (i) => {
      const { rows } = await sql<{
        id: string;
      }>`insert into bench_bare_jobs (data) values (${JSON.stringify({ n: i })}) returning id`.execute(db);
      ids.push(rows[0]!.id);
    },
  );
  await runConcurrently(
    ids,
    IN_FLIGHT,
    async (id) => void (await sql`delete from bench_bare_jobs where id = ${id}`.execute(db)),
  );
  return (performance.now() - t0) / 1000;
}

async function measure(open: OpenDatabase, n: number): Promise<string[][]> {
  const runner = await startRunner({
    jobs: [noop],
    batchSize: BATCH,
    services: {
      db: open.db,
      mailer: outboxMailer(open.db),
      links: { secret: "x".repeat(32), baseUrl: "http://bench.koe" },
      config: { mailLeaseSeconds: 60, parallelExpansion: false },
    },
    onError: (e) => console.error(e),
  });
  try {
    await jobsRun(open.db, Math.min(500, n), false); // warm-up: prepared statements, caches
    const control = await controlRun(open.db, n);
    const single = await jobsRun(open.db, n, false);
    const batched = await jobsRun(open.db, n, true);
    return [
      ["bare INSERT + DELETE of the rows (control)", int(n / control), "1.00×"],
      ["jobs enqueued one a call and completed", int(n / single), ratio(control / single)],
      ["jobs enqueued 500 an insert and completed", int(n / batched), ratio(control / batched)],
    ];
  } finally {
    await runner.stop(0);
  }
}

async function main(): Promise<void> {
  const n = Number(process.env.JOBS_N ?? 20_000);
  log(`PostgreSQL: ${int(n)} jobs, worker batch ${BATCH}…`);
  const { open } = await freshDatabase("koe_bench_jobs", 10);
  let pgRows: string[][];
  try {
    pgRows = await measure(open, n);
  } finally {
    await open.close();
  }
  printTable(`PostgreSQL, ${int(n)} jobs (no-op handler), ${IN_FLIGHT} enqueues in flight`, [
    ["what", "per second", "vs control"],
    ...pgRows,
  ]);
  const perSecond = Number(pgRows[1]![1]!.replace(/,/g, ""));
  console.log(
    `\ngoal ≥ ${int(GOAL)} jobs/s on PostgreSQL: ${verdict(perSecond >= GOAL)} (${int(perSecond)})`,
  );

  const m = Math.round(n / 4);
  log(`embedded: ${int(m)} jobs…`);
  const dir = mkdtempSync(join(tmpdir(), "koe-bench-jobs-"));
  const embedded = await openEmbedded(dir);
  try {
    await migrateToLatest(embedded.db as unknown as Kysely<unknown>);
    const rows = await measure(embedded, m);
    printTable(`Embedded database (PGlite), ${int(m)} jobs (no-op handler)`, [
      ["what", "per second", "vs control"],
      ...rows,
    ]);
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
