// Contact CSV import of 1,000,000 rows on PostgreSQL through `koe import contacts`'s own function
// (cli/import-contacts.ts: the UTF-8 pass, the header pass, then the streamed run: parse, validate every
// cell, find duplicates in the file, upsert by external id or email in chunks, companies by name,
// contact.created events, progress and bad rows recorded). Baseline in the same run: a bare
// `COPY … FROM STDIN (FORMAT csv, HEADER)` of the same file into a plain table without indexes. Then the
// same file again: every row unchanged, nothing written. Memory: the process's peak RSS during each
// import, sampled every 50 ms, against its RSS before. Goal: ≥ 50,000 rows/s.
import { createReadStream, createWriteStream, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { systemClock } from "../packages/server/src/clock.ts";
import { fileOnDisk, importContacts } from "../packages/server/src/cli/import-contacts.ts";
import { createWorkspace } from "../packages/server/src/domain/workspaces/workspaces.ts";
import { startCpuMeter } from "./support/cpu.ts";
import { int, log, printTable, ratio, verdict } from "./support/measure.ts";
import { freshDatabase, serverVersion } from "./support/postgres.ts";

const ROWS = Number(process.env.BENCH_CONTACT_ROWS ?? 1_000_000);
const GOAL_ROWS_PER_S = 50_000;
/** One row in a thousand is bad (an address without a domain): they are reported, not stored. */
const BAD_EVERY = 1_000;

const family = [
  "山田",
  "佐藤",
  "鈴木",
  "高橋",
  "田中",
  "伊藤",
  "渡辺",
  "中村",
  "小林",
  "加藤",
  "Smith",
  "Jones",
];
const given = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "さくら", "John", "Mary"];

/** The file, written in pieces so that making it costs the process no memory to speak of. */
async function writeFile(path: string): Promise<number> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => out.on("finish", resolve).on("error", reject));
  out.write("顧客ID,氏名,メールアドレス,電話番号,会社名,言語,タグ,プラン,席数\n");
  let bad = 0;
  for (let start = 0; start < ROWS; start += 10_000) {
    let text = "";
    for (let i = start; i < Math.min(ROWS, start + 10_000); i++) {
      const isBad = i % BAD_EVERY === 999;
      if (isBad) bad++;
      const email = isBad ? `user${i}-at-nowhere` : `user${i}@example${i % 50}.co.jp`;
      text +=
        `C-${i},${family[i % family.length]} ${given[i % given.length]},${email},03-${String(i % 10_000).padStart(4, "0")}-${String(i % 9_999).padStart(4, "0")},` +
        `株式会社${i % 500},${i % 3 ? "ja" : "en"},${i % 4 ? "" : '"vip;展示会2026"'},${i % 2 ? "プロ" : "ベーシック"},${i % 200}\n`;
    }
    if (!out.write(text)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  out.end();
  await done;
  return bad;
}

async function peakRssDuring<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; peakMb: number; beforeMb: number }> {
  const beforeMb = process.memoryUsage().rss / 1e6;
  let peak = beforeMb;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 1e6)), 50);
  try {
    const result = await fn();
    return { result, peakMb: Math.max(peak, process.memoryUsage().rss / 1e6), beforeMb };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const { open, url } = await freshDatabase("koe_bench_contact_import");
  const db = open.db;
  log(`PostgreSQL ${await serverVersion(url)}; ${int(ROWS)} contact rows`);
  const path = join(tmpdir(), `koe-bench-contacts-${process.pid}.csv`);
  const bad = await writeFile(path);
  const mb = statSync(path).size / 1e6;
  log(`file: ${mb.toFixed(0)} MB, ${int(bad)} bad rows`);

  // Baseline: the same bytes straight into a plain table.
  await sql`create table bare_contacts (external_id text, name text, email text, phone text, company text,
    locale text, tags text, plan text, seats text)`.execute(db);
  await sql`checkpoint`.execute(db);
  log("baseline: bare COPY of the file…");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const meter = await startCpuMeter(url);
  const t0 = performance.now();
  await pipeline(
    createReadStream(path),
    client.query(copyFrom("copy bare_contacts from stdin (format csv, header true)")),
  );
  const copySeconds = (performance.now() - t0) / 1000;
  const copyCpu = await meter.stop();
  await client.end();
  await sql`drop table bare_contacts`.execute(db);
  await sql`checkpoint`.execute(db);

  const workspaceId = await createWorkspace(db, { name: "Bench", timeZone: "Asia/Tokyo" });
  const quiet = { print: () => {}, progress: { write: () => {}, isTTY: false } };
  const run = async () => {
    const cpu = await startCpuMeter(url);
    const file = await fileOnDisk(path);
    const started = performance.now();
    const measured = await peakRssDuring(() =>
      importContacts({ db, clock: systemClock }, { file, workspace: workspaceId }, quiet),
    );
    const seconds = (performance.now() - started) / 1000;
    const row = await db
      .selectFrom("contact_imports")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", measured.result)
      .executeTakeFirstOrThrow();
    return { seconds, ...measured, row, cpu: await cpu.stop() };
  };
  log("koe import contacts (first run: every good row created)…");
  const first = await run();
  await sql`checkpoint`.execute(db);
  log("koe import contacts (the same file again: every row unchanged)…");
  const second = await run();

  const { rows } = await sql<{ n: number; companies: number }>`
    select (select count(*)::int from contacts where workspace_id = ${workspaceId}) as n,
           (select count(*)::int from companies where workspace_id = ${workspaceId}) as companies`.execute(
    db,
  );
  await open.close();
  unlinkSync(path);

  const rate = (s: number) => ROWS / s;
  const cpuPer = (c: { nodeMs: number; postgresMs: number }) =>
    `${int((c.nodeMs * 10_000) / ROWS)} + ${int((c.postgresMs * 10_000) / ROWS)}`;
  printTable(`Contact import of ${int(ROWS)} rows (${mb.toFixed(0)} MB CSV), PostgreSQL`, [
    ["path", "seconds", "rows/s", "vs COPY", "CPU ms per 10k rows (node + postgres)", "peak RSS (before)"],
    [
      "bare COPY into a plain table (baseline)",
      copySeconds.toFixed(1),
      int(rate(copySeconds)),
      "1.00×",
      cpuPer(copyCpu),
      "-",
    ],
    ...[first, second].map((r, i) => [
      i === 0
        ? "koe import contacts, first run (creates)"
        : "koe import contacts, same file again (unchanged)",
      r.seconds.toFixed(1),
      int(rate(r.seconds)),
      ratio(copySeconds / r.seconds),
      cpuPer(r.cpu),
      `${r.peakMb.toFixed(0)} MB (${r.beforeMb.toFixed(0)} MB)`,
    ]),
  ]);
  const good = ROWS - bad;
  const consistent =
    first.row.created_count === good &&
    first.row.failed_count === bad &&
    second.row.unchanged_count === good &&
    second.row.created_count + second.row.updated_count === 0 &&
    rows[0]?.n === good &&
    rows[0]?.companies === 500;
  console.log(
    `\ngoal ≥ ${int(GOAL_ROWS_PER_S)} rows/s: ${verdict(rate(first.seconds) >= GOAL_ROWS_PER_S)} (${int(rate(first.seconds))} rows/s first run, ${int(rate(second.seconds))} rows/s again)`,
  );
  console.log(
    `check: created ${int(first.row.created_count)}, failed ${int(first.row.failed_count)}, again unchanged ${int(second.row.unchanged_count)}, ` +
      `contacts ${int(rows[0]?.n ?? 0)}, companies ${rows[0]?.companies}: ${consistent ? "as expected" : "MISMATCH"}`,
  );
  if (!consistent) process.exitCode = 1;
}

await main();
