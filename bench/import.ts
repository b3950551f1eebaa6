// Batch import of 1,000,000 responses on PostgreSQL through the real HTTP app, in process:
// 100 POSTs of 10,000 rows, 2 at a time, rollups included (same statement as the rows).
// Baselines, same run and same rows, no validation, no rollups: a bare INSERT … SELECT FROM jsonb_to_recordset
// (what the import ran before it used COPY) and a bare COPY of the prepared rows into responses (the
// floor of the product's path on PostgreSQL).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { availableParallelism } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { benchApp } from "./support/app.ts";
import { startCpuMeter } from "./support/cpu.ts";
import { bareCopy, bareInsert, BATCH_SIZE, buildBatch, createFixture } from "./support/import-rows.ts";
import { int, log, median, ms, printTable, ratio, runConcurrently, verdict } from "./support/measure.ts";
import { freshDatabase, serverVersion } from "./support/postgres.ts";

const BATCHES = Number(process.env.BENCH_IMPORT_BATCHES ?? 100);
const CONCURRENCY = 2;
const GOAL_ROWS_PER_S = 50_000;

interface Phase {
  seconds: number;
  batchMs: number[];
  nodeMs: number;
  postgresMs: number;
}

async function timed<B>(url: string, bodies: B[], send: (body: B) => Promise<void>): Promise<Phase> {
  const batchMs: number[] = [];
  const meter = await startCpuMeter(url);
  const started = performance.now();
  await runConcurrently(bodies, CONCURRENCY, async (body) => {
    const t0 = performance.now();
    await send(body);
    batchMs.push(performance.now() - t0);
  });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, batchMs, ...(await meter.stop()) };
}

/** PROFILE=1: a CPU profile of this process during the product phase only (the HTTP app runs in it). */
async function startProfile(): Promise<{ stop(): Promise<string> }> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (e, r) => (e ? reject(e) : resolve(r))));
  await post("Profiler.enable");
  await post("Profiler.start");
  return {
    async stop() {
      const { profile } = (await post("Profiler.stop")) as { profile: object };
      const file = "/tmp/import-product.cpuprofile";
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}

async function main(): Promise<void> {
  const { open, url } = await freshDatabase("koe_bench_import");
  const db = open.db;
  log(
    `PostgreSQL ${await serverVersion(url)}; ${BATCHES} batches × ${int(BATCH_SIZE)} rows, ${CONCURRENCY} concurrent`,
  );
  const f = await createFixture(db);
  const now = Date.now() - 60_000;
  const total = BATCHES * BATCH_SIZE;

  log("generating rows…");
  // As bytes, the way a body arrives from a socket (and off the JS heap, as a server holds no pending bodies).
  const api: Buffer[] = [];
  const bare: string[] = [];
  const copies: string[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const batch = buildBatch(f, b, now);
    api.push(Buffer.from(batch.api));
    bare.push(batch.bare);
    copies.push(batch.copy);
  }
  const mb = api.reduce((a, s) => a + s.length, 0) / 1e6;
  log(`${int(total)} rows, ${mb.toFixed(0)} MB of request bodies`);

  // Baseline: the same rows, already prepared, straight into the table.
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  await sql`checkpoint`.execute(db);
  log("baseline: bare INSERT … FROM jsonb_to_recordset…");
  const baseline = await timed(url, bare, async (body) => {
    await pool.query(bareInsert, [f.workspaceId, body]);
  });
  bare.length = 0;
  await sql`truncate responses, response_rollups`.execute(db);
  await sql`checkpoint`.execute(db);
  log("baseline: bare COPY into responses…");
  const bareCopied = await timed(url, copies, async (text) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from([Buffer.from(text)]), client.query(copyFrom(bareCopy)));
    } finally {
      client.release();
    }
  });
  copies.length = 0;
  await pool.end();
  await sql`truncate responses, response_rollups`.execute(db);
  await sql`checkpoint`.execute(db);

  // The product path: HTTP app, validation row by row, ids, rows and rollups in one transaction.
  const app = benchApp(db);
  const headers = { authorization: `Bearer ${f.key}`, "content-type": "application/json" };
  let inserted = 0;
  const failures: string[] = [];
  log("POST /api/v1/responses…");
  const profiler = process.env.PROFILE ? await startProfile() : undefined;
  const product = await timed(url, api, async (body) => {
    const res = await app.request("/api/v1/responses", { method: "POST", body, headers });
    const result = (await res.json()) as { inserted?: number; errors?: unknown[] };
    if (res.status !== 201) failures.push(`${res.status} ${JSON.stringify(result).slice(0, 300)}`);
    inserted += result.inserted ?? 0;
  });
  if (profiler) log(`CPU profile of the product phase: ${await profiler.stop()}`);

  const { rows } = await sql<{ responses: number; rolled: number }>`
    select (select count(*) from responses where workspace_id = ${f.workspaceId}) as responses,
           (select coalesce(sum(n), 0) from response_rollups where workspace_id = ${f.workspaceId}) as rolled`.execute(
    db,
  );
  const counts = rows[0] as { responses: number; rolled: number };
  await open.close();

  const rate = (p: Phase) => total / p.seconds;
  const cpu = (p: Phase) =>
    `${int((p.nodeMs * BATCH_SIZE) / total)} + ${int((p.postgresMs * BATCH_SIZE) / total)}`;
  printTable(
    `Import of ${int(total)} responses (${BATCHES} × ${int(BATCH_SIZE)}, ${CONCURRENCY} concurrent), PostgreSQL`,
    [
      [
        "path",
        "seconds",
        "rows/s",
        "median batch",
        "CPU ms per 10k rows (node + postgres)",
        "rows/s vs INSERT",
        "vs COPY",
      ],
      [
        "bare INSERT … jsonb_to_recordset (baseline)",
        baseline.seconds.toFixed(1),
        int(rate(baseline)),
        ms(median(baseline.batchMs)),
        cpu(baseline),
        "1.00×",
        ratio(rate(baseline) / rate(bareCopied)),
      ],
      [
        "bare COPY into responses (floor)",
        bareCopied.seconds.toFixed(1),
        int(rate(bareCopied)),
        ms(median(bareCopied.batchMs)),
        cpu(bareCopied),
        ratio(rate(bareCopied) / rate(baseline)),
        "1.00×",
      ],
      [
        "POST /api/v1/responses (validation + rollups)",
        product.seconds.toFixed(1),
        int(rate(product)),
        ms(median(product.batchMs)),
        cpu(product),
        ratio(rate(product) / rate(baseline)),
        ratio(rate(product) / rate(bareCopied)),
      ],
    ],
  );
  // What 2 idle cores could do at this CPU cost: all work shares the cores, and the app's share runs on
  // one Node thread.
  const batches = total / BATCH_SIZE;
  const coreMs = (product.nodeMs + product.postgresMs) / batches;
  const ceiling = Math.min(
    (availableParallelism() * 1000 * BATCH_SIZE) / coreMs,
    (1000 * BATCH_SIZE * batches) / product.nodeMs,
  );
  console.log(
    `CPU-bound ceiling on ${availableParallelism()} idle cores at this cost: ${int(ceiling)} rows/s ` +
      `(${int(coreMs)} core-ms per 10k rows; PostgreSQL's background writers not counted)`,
  );
  for (const f of failures.slice(0, 5)) console.log(`failed batch: ${f}`);
  const consistent =
    failures.length === 0 && counts.responses === total && counts.rolled === total && inserted === total;
  console.log(
    `\ngoal ≥ ${int(GOAL_ROWS_PER_S)} rows/s: ${verdict(rate(product) >= GOAL_ROWS_PER_S)} (${int(rate(product))} rows/s)`,
  );
  console.log(
    `check: responses ${int(counts.responses)}, rollup total n ${int(counts.rolled)}, reported inserted ${int(inserted)}, failed batches ${failures.length}: ${consistent ? "equal" : "MISMATCH"}`,
  );
  if (!consistent) process.exitCode = 1;
}

await main();
