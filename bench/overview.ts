// The admin overview over a demo-scale workspace (issue #5): every API call the overview page makes, for
// each filter of its filter bar and for all of them at once, through the HTTP app in process, on
// PostgreSQL. 1,000,000 responses over 18 months in the measured workspace and as many in a second one
// (interleaved in the same tables, so tenancy filtering matters), 20,000 contacts with attributes each,
// sends behind ~60 % of the responses plus unanswered ones (response rate ~40 %). Baseline, same run: the
// naive query over the raw rows for the same call and filters; the bench also checks that both agree.
import { sql } from "kysely";
import { benchApp } from "./support/app.ts";
import { int, log, median, ms, percentile, printTable, ratio, verdict } from "./support/measure.ts";
import { ADMIN, loadDatabase, REUSE, reuseDatabase } from "./support/overview-data.ts";
import { barCalls, calls, filterSets, fixture, liveChanges } from "./support/overview-calls.ts";

const WARMUP = Number(process.env.BENCH_OVERVIEW_WARMUP ?? 10);
const RUNS = Number(process.env.BENCH_OVERVIEW_RUNS ?? 100);
const NAIVE_RUNS = Number(process.env.BENCH_OVERVIEW_NAIVE_RUNS ?? 5);
const GOAL_MEDIAN_MS = 50;

async function main(): Promise<void> {
  const started = performance.now();
  const { open } = REUSE ? await reuseDatabase() : await loadDatabase();
  const db = open.db;
  const f = await fixture(db);
  const { rows: sizes } = await sql<Record<string, number>>`
    select (select count(*) from responses)::int as responses,
           (select count(*) from responses where workspace_id = ${f.ws})::int as in_target,
           (select count(*) from responses where workspace_id = ${f.ws} and contact_id is not null)::int as with_contact,
           (select count(*) from sends)::int as sends,
           (select count(*) from sends where workspace_id = ${f.ws})::int as sends_in_target,
           (select count(*) from contacts where workspace_id = ${f.ws})::int as contacts,
           (select count(*) from response_rollups where workspace_id = ${f.ws})::int as rollups`.execute(db);
  const size = sizes[0] as Record<string, number>;
  log(
    `responses ${int(size.responses ?? 0)} (workspace ${int(size.in_target ?? 0)}, ${int(size.with_contact ?? 0)} with a contact), ` +
      `sends ${int(size.sends ?? 0)} (workspace ${int(size.sends_in_target ?? 0)}), contacts ${int(size.contacts ?? 0)}, ` +
      `rollup rows ${int(size.rollups ?? 0)}; ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const app = benchApp(db);
  const signIn = await app.request("/api/v1/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  f.cookie = /koe_session=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1] ?? "";
  if (signIn.status !== 200 || !f.cookie) throw new Error(`sign-in failed: ${signIn.status}`);
  const request = async (path: string, cookie = false) => {
    const t0 = performance.now();
    const res = await app.request(path, {
      headers: cookie ? { cookie: `koe_session=${f.cookie}` } : { authorization: `Bearer ${f.key}` },
    });
    const body = (await res.json()) as Record<string, unknown>;
    return { ms: performance.now() - t0, status: res.status, body };
  };

  await liveChanges(app, db, f.ws);
  const sets = filterSets(f);
  log(
    `period ${sets[0]?.filters.from} … ${sets[0]?.filters.to}; ${WARMUP} warm-up + ${RUNS} runs per call, interleaved`,
  );
  // Each filter set in turn; within it, every call once per run, in the page's order.
  const results: {
    set: string;
    call: string;
    times: number[];
    status: number;
    body: Record<string, unknown>;
  }[] = [];
  {
    const times = barCalls.map(() => [] as number[]);
    const last: { status: number; body: Record<string, unknown> }[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [j, c] of barCalls.entries()) {
        const r = await request(c.path, c.cookie);
        if (i >= WARMUP) (times[j] as number[]).push(r.ms);
        last[j] = r;
      }
    }
    barCalls.forEach((c, j) =>
      results.push({
        set: "(any)",
        call: c.name,
        times: times[j] as number[],
        ...(last[j] as (typeof last)[0]),
      }),
    );
  }
  for (const s of sets) {
    const times = calls.map(() => [] as number[]);
    const last: { status: number; body: Record<string, unknown> }[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [j, c] of calls.entries()) {
        const r = await request(c.path(s.filters));
        if (i >= WARMUP) (times[j] as number[]).push(r.ms);
        last[j] = r;
      }
    }
    calls.forEach((c, j) =>
      results.push({
        set: s.name,
        call: c.name,
        times: times[j] as number[],
        ...(last[j] as (typeof last)[0]),
      }),
    );
    log(`filter set "${s.name}" measured`);
  }

  // Baseline: the naive query over the raw rows for the same call and filters, and the check.
  const naive = new Map<string, { times: number[]; figures: Record<string, unknown> }>();
  for (const s of sets) {
    for (const c of calls) {
      if (!c.naive) continue;
      const times: number[] = [];
      let figures: Record<string, unknown> = {};
      for (let i = 0; i <= NAIVE_RUNS; i++) {
        const t0 = performance.now();
        figures = await c.naive(db, f.ws, s.filters);
        if (i > 0) times.push(performance.now() - t0); // the first run warms the cache
      }
      naive.set(`${s.name}|${c.name}`, { times, figures });
    }
    log(`baseline for "${s.name}" measured`);
  }
  await open.close();

  const rows = [
    ["call", "filters", "status", "median", "p95", "goal ≤ 50 ms", "naive median", "vs naive", "check"],
  ];
  let missed = 0;
  let differ = 0;
  for (const r of results) {
    const m = median(r.times);
    const met = r.status === 200 && m <= GOAL_MEDIAN_MS;
    if (!met) missed++;
    const b = naive.get(`${r.set}|${r.call}`);
    const call = calls.find((c) => c.name === r.call);
    let check = "";
    if (b && call) {
      const got = JSON.stringify(r.status === 200 ? call.figures(r.body) : { status: r.status });
      const want = JSON.stringify(b.figures);
      check = got === want ? "same" : `DIFFERS: ${got} vs naive ${want}`;
      if (got !== want) differ++;
    }
    rows.push([
      r.call,
      r.set,
      String(r.status),
      ms(m),
      ms(percentile(r.times, 95)),
      verdict(met),
      b ? ms(median(b.times)) : "",
      b ? ratio(median(b.times) / m) : "",
      check,
    ]);
  }
  printTable(
    `Admin overview, last 12 months, workspace of ${int(size.in_target ?? 0)} in ${int(size.responses ?? 0)} responses, ` +
      `PostgreSQL; ${RUNS} runs per call (naive: ${NAIVE_RUNS})`,
    rows,
  );
  console.log(
    `\ngoal every call ≤ ${GOAL_MEDIAN_MS} ms median: ${verdict(missed === 0)} (${missed} of ${results.length} missed)`,
  );
  console.log(
    `check: ${differ === 0 ? "every report equals the naive query" : `${differ} DIFFER from the naive query`}`,
  );
  if (differ > 0) process.exitCode = 1;
}

await main();
