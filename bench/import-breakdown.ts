// Where the import's CPU goes, per 10,000 rows (not part of `npm run bench`; run when the import misses
// its goal). CPU time rather than wall time, so the figures hold on a busy machine.
//   Node: the app's per-batch steps, one at a time on this thread.
//   PostgreSQL: backend CPU of the bare INSERT of bench/import.ts, and of the same INSERT with one cost
//   taken away at a time (FK checks, the responses_by_time index, JSON parsing).
import { sql } from "kysely";
import pg from "pg";
import { newId } from "../packages/server/src/domain/ids.ts";
import { responseInput } from "../packages/server/src/domain/responses/response-schema.ts";
import { unstorableText } from "../packages/server/src/http/validate.ts";
import { startCpuMeter } from "./support/cpu.ts";
import { bareInsert, BATCH_SIZE, buildBatch, createFixture } from "./support/import-rows.ts";
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

function nodeSteps(bodies: string[]): [string, number][] {
  const steps: Record<string, number[]> = {};
  const add = (name: string, ms: number) => (steps[name] ??= []).push(ms);
  for (const body of bodies) {
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
      "zod: responseInput.safeParse per row",
      cpuMs(() => rows.forEach((r) => responseInput.safeParse(r))),
    );
    add(
      "newId() per row (UUIDv7)",
      cpuMs(() => rows.forEach(() => newId())),
    );
    add(
      "JSON.stringify of the prepared rows",
      cpuMs(() => JSON.stringify(rows)),
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
  for (let b = 0; b < BATCHES; b++) {
    const batch = buildBatch(f, b, now);
    api.push(batch.api);
    bare.push(batch.bare);
  }
  log(`${BATCHES} batches of ${int(BATCH_SIZE)} rows; Node steps…`);
  const node = nodeSteps(api);

  const recordset = `jsonb_to_recordset($2::jsonb) as r(id uuid, survey_id uuid, contact_id uuid, touchpoint_id uuid,
    channel text, score smallint, segment text, comment text, locale text, metadata jsonb, source text, created_at timestamptz)`;
  const variants: { name: string; text: string; options?: string; before?: string; after?: string }[] = [
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
    ["sum", node.reduce((a, [, ms]) => a + ms, 0).toFixed(0)],
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
