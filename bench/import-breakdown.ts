// Where the import's CPU goes, per 10,000 rows (not part of `npm run bench`; run when the import misses
// its goal). CPU time rather than wall time, so the figures hold on a busy machine.
//   Node: the app's per-batch steps, one at a time on this thread.
//   PostgreSQL: backend CPU of the bare INSERT of bench/import.ts, and of the same INSERT with one cost
//   taken away at a time (FK checks, the responses_by_time index, JSON parsing).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { newId } from "../packages/server/src/domain/ids.ts";
import { newBatchId } from "../packages/server/src/domain/responses/batch-ids.ts";
import { copyData } from "../packages/server/src/db/copy-responses.ts";
import { responseInput } from "../packages/server/src/domain/responses/response-schema.ts";
import type { PreparedResponse } from "../packages/server/src/domain/responses/store-responses.ts";
import { isWellFormedRow } from "../packages/server/src/domain/responses/well-formed-row.ts";
import { unstorableText } from "../packages/server/src/http/validate.ts";
import { startCpuMeter } from "./support/cpu.ts";
import { bareCopy, bareInsert, BATCH_SIZE, buildBatch, createFixture } from "./support/import-rows.ts";
import { int, log, median, printTable, runConcurrently } from "./support/measure.ts";
import { freshDatabase } from "./support/postgres.ts";

const BATCHES = Number(process.env.BENCH_BREAKDOWN_BATCHES ?? 20);
const ROUNDS = 2;

function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

function nodeSteps(bodies: string[], prepared: string[]): [string, number][] {
  const steps: Record<string, number[]> = {};
  const add = (name: string, ms: number) => (steps[name] ??= []).push(ms);
  for (const [b, body] of bodies.entries()) {
    const rowsToStore = JSON.parse(prepared[b] as string) as PreparedResponse[];
    let rows: unknown[] = [];
    add(
      "JSON.parse of the request body",
      cpuMs(() => (rows = JSON.parse(body) as unknown[])),
    );
    add(
      "unstorable-text scan (NUL, lone surrogates)",
      cpuMs(() => unstorableText(rows)),
    );
    add(
      "hand-written check per row (isWellFormedRow)",
      cpuMs(() => rows.forEach((r) => isWellFormedRow(r))),
    );
    add(
      "zod: responseInput.safeParse per row — not used for good rows",
      cpuMs(() => rows.forEach((r) => responseInput.safeParse(r))),
    );
    add(
      "newBatchId() per row (UUIDv7)",
      cpuMs(() => rows.forEach(() => newBatchId())),
    );
    add(
      "newId() per row (UUIDv7) — not used",
      cpuMs(() => rows.forEach(() => newId())),
    );
    add(
      "COPY text of the prepared rows (copyData)",
      cpuMs(() => copyData(rowsToStore[0]?.id ?? "", rowsToStore)),
    );
    add(
      "JSON.stringify of the prepared rows — PGlite only",
      cpuMs(() => JSON.stringify(rowsToStore)),
    );
  }
  return Object.entries(steps).map(([name, xs]) => [name, median(xs.slice(2))]); // first batches warm up the JIT
}

async function main(): Promise<void> {
  const { open, url } = await freshDatabase("koe_bench_breakdown");
  const db = open.db;
  const f = await createFixture(db);
  const now = Date.now() - 60_000;
  const api: string[] = [];
  const bare: string[] = [];
  const copies: string[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const batch = buildBatch(f, b, now);
    api.push(batch.api);
    bare.push(batch.bare);
    copies.push(batch.copy);
  }
  log(`${BATCHES} batches of ${int(BATCH_SIZE)} rows; Node steps…`);
  const node = nodeSteps(api, bare);

  const recordset = `jsonb_to_recordset($2::jsonb) as r(id uuid, survey_id uuid, contact_id uuid, touchpoint_id uuid,
    channel text, score smallint, segment text, comment text, locale text, metadata jsonb, source text, created_at timestamptz)`;
  const variants: {
    name: string;
    text: string;
    copy?: boolean;
    options?: string;
    before?: string;
    after?: string;
  }[] = [
    { name: "bare INSERT as in bench/import.ts (baseline)", text: bareInsert },
    {
      name: "… without FK checks (session_replication_role = replica)",
      text: bareInsert,
      options: "-c session_replication_role=replica",
    },
    {
      name: "… without the responses_by_time index",
      text: bareInsert,
      before: "drop index responses_by_time",
      after: "create index responses_by_time on responses (workspace_id, created_at desc, id desc)",
    },
    { name: "bare COPY as in bench/import.ts", text: bareCopy, copy: true },
    {
      name: "… COPY without FK checks",
      text: bareCopy,
      copy: true,
      options: "-c session_replication_role=replica",
    },
    {
      name: "JSON → rows only (no insert)",
      text: `select count(*) from ${recordset} where $1::uuid is not null`,
    },
  ];
  const pgCpu: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of variants) {
      await sql`truncate responses, response_rollups`.execute(db);
      if (v.before) await sql.raw(v.before).execute(db);
      await sql`checkpoint`.execute(db);
      const pool = new pg.Pool({
        connectionString: url,
        max: 2,
        ...(v.options ? { options: v.options } : {}),
      });
      await Promise.all([pool.query("select 1"), pool.query("select 1")]); // connect before measuring
      const meter = await startCpuMeter(url);
      if (v.copy)
        await runConcurrently(copies, 2, async (text) => {
          const client = await pool.connect();
          try {
            await pipeline(Readable.from([Buffer.from(text)]), client.query(copyFrom(v.text)));
          } finally {
            client.release();
          }
        });
      else
        await runConcurrently(bare, 2, async (body) => {
          await pool.query(v.text, [f.workspaceId, body]);
        });
      const { postgresMs } = await meter.stop();
      await pool.end();
      if (v.after) await sql.raw(v.after).execute(db);
      (pgCpu[v.name] ??= []).push(postgresMs / BATCHES);
      log(`${v.name}: ${int(postgresMs / BATCHES)} ms per 10k rows`);
    }
  }
  await open.close();

  printTable("Node: CPU ms per 10k rows, one step at a time (median batch)", [
    ["step", "CPU ms"],
    ...node.map(([name, ms]) => [name, ms.toFixed(0)]),
    [
      "sum of the steps used",
      node
        .filter(([name]) => !name.includes(" — "))
        .reduce((a, [, ms]) => a + ms, 0)
        .toFixed(0),
    ],
  ]);
  const mean = (xs: number[] = []) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = mean(pgCpu[variants[0]?.name as string]);
  printTable(
    `PostgreSQL: backend CPU ms per 10k rows (mean of ${ROUNDS} rounds), table from empty to ${int(BATCHES * BATCH_SIZE)} rows`,
    [
      ["statement", "CPU ms", "vs baseline"],
      ...variants.map((v) => {
        const x = mean(pgCpu[v.name]);
        return [v.name, int(x), `${((100 * (x - base)) / base).toFixed(0)} %`];
      }),
    ],
  );
}

await main();
