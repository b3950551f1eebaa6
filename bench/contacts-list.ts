// The contact list and its search over 1,000,000 contacts of one workspace on PostgreSQL, through the real
// HTTP app in process: the first page of `GET /api/v1/contacts` (newest first, 50 a page) and of
// `?q=` for a common Japanese family name, an email fragment that a few contacts hold, an external id, and
// a text nobody has. 10 warm-up and 50 timed requests each (BENCH_LIST_RUNS); median and p95. Goal: first page ≤ 50 ms median.
// Baseline in the same run: `select count(*)` of the workspace's contacts (one pass over its index).
import { sql } from "kysely";
import { createApiKey } from "../packages/server/src/domain/auth/api-keys.ts";
import { createWorkspace } from "../packages/server/src/domain/workspaces/workspaces.ts";
import { benchApp } from "./support/app.ts";
import { int, log, median, ms, percentile, printTable, verdict } from "./support/measure.ts";
import { freshDatabase, serverVersion } from "./support/postgres.ts";

const ROWS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 50);
const GOAL_MS = 50;

async function main(): Promise<void> {
  const { open, url } = await freshDatabase("koe_bench_contacts_list");
  const db = open.db;
  log(`PostgreSQL ${await serverVersion(url)}; loading ${int(ROWS)} contacts…`);
  const ws = await createWorkspace(db, { name: "Bench", timeZone: "Asia/Tokyo" });
  const { key } = await createApiKey(db, ws, { role: "owner" });
  // Ids in time order (UUIDv7-like: the row number in the leading bits), as the product makes them.
  await sql`
    insert into contacts (workspace_id, id, email, name, external_id, locale, tags, attributes)
    select ${ws}::uuid,
           (lpad(to_hex(i), 12, '0') || '7000' || '8000' || lpad(to_hex(i), 12, '0'))::uuid,
           'user' || i || '@example' || (i % 50) || '.co.jp',
           (array['山田','佐藤','鈴木','高橋','田中','伊藤','渡辺','中村','小林','加藤','Smith','Jones'])[1 + i % 12] || ' ' ||
           (array['太郎','花子','一郎','美咲','健太','陽子','翔','さくら','John','Mary'])[1 + i % 10],
           'C-' || i, case when i % 3 = 0 then 'en' else 'ja' end,
           case when i % 4 = 0 then '["vip"]'::jsonb else '[]'::jsonb end,
           jsonb_build_object('plan', case when i % 2 = 0 then 'pro' else 'basic' end)
    from generate_series(1, ${ROWS}::int) as i`.execute(db);
  await sql`analyze contacts`.execute(db);
  const app = benchApp(db);
  const headers = { authorization: `Bearer ${key}` };

  const time = async (path: string) => {
    const samples: number[] = [];
    let count = 0;
    for (let i = 0; i < 10 + RUNS; i++) {
      const t0 = performance.now();
      const res = await app.request(path, { headers });
      const body = (await res.json()) as { data?: unknown[] };
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      if (i >= 10) samples.push(performance.now() - t0);
      count = body.data?.length ?? 0;
    }
    return { samples, count };
  };
  const baseline: number[] = [];
  for (let i = 0; i < 10 + RUNS; i++) {
    const t0 = performance.now();
    await sql`select count(*) from contacts where workspace_id = ${ws}::uuid`.execute(db);
    if (i >= 10) baseline.push(performance.now() - t0);
  }
  const cases: [string, string][] = [
    ["first page, no search", "/api/v1/contacts"],
    ["q=山田 (1 in 12 contacts)", `/api/v1/contacts?q=${encodeURIComponent("山田")}`],
    ["q=example7.co (1 in 50)", "/api/v1/contacts?q=example7.co"],
    ["q=user12345@ (1 contact)", "/api/v1/contacts?q=user12345%40"],
    ["q=C-99999 (11 contacts)", "/api/v1/contacts?q=C-99999"],
    ["q=nobody (no match)", "/api/v1/contacts?q=nobody"],
  ];
  const rows: string[][] = [["request", "rows on page", "median", "p95", "≤ 50 ms?"]];
  const medians: number[] = [];
  for (const [name, path] of cases) {
    log(name);
    const { samples, count } = await time(path);
    medians.push(median(samples));
    rows.push([
      name,
      String(count),
      ms(median(samples)),
      ms(percentile(samples, 95)),
      verdict(median(samples) <= GOAL_MS),
    ]);
  }
  rows.push([
    "baseline: count(*) of the workspace's contacts",
    "-",
    ms(median(baseline)),
    ms(percentile(baseline, 95)),
    "-",
  ]);
  await open.close();
  printTable(
    `Contact list and search, ${int(ROWS)} contacts in one workspace, PostgreSQL (${RUNS} runs each)`,
    rows,
  );
  console.log(
    `\ngoal first page ≤ ${GOAL_MS} ms median: list ${verdict(medians[0]! <= GOAL_MS)}, ` +
      `every search ${verdict(medians.every((m) => m <= GOAL_MS))}`,
  );
}

await main();
