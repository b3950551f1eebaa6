// Cold start on the embedded database with an existing data dir: spawn `koe serve`, poll /healthz every
// 20 ms, time from spawn to the first 200, then read the idle RSS after 3 s. Baseline, same run and
// interleaved: a bare Node HTTP server measured the same way. Also with the demo seeded (RSS with data).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { log, median, mib, ms, printTable, ratio, verdict } from "./support/measure.ts";

const RUNS = 5;
const POLL_MS = 20;
const IDLE_MS = 3000;
const GOAL_MS = 2000;
const root = fileURLToPath(new URL("..", import.meta.url));
const koe = join(root, "packages/server/bin/koe.js");
const bareServer = "require('http').createServer((q,s)=>s.end('ok')).listen(Number(process.env.PORT))";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (msecs: number) => new Promise((r) => setTimeout(r, msecs));

function rssKib(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
}

interface Started {
  child: ChildProcess;
  firstAnswerMs: number;
  output: () => string;
}

/** Spawns a server and polls GET /healthz every 20 ms until it answers 200. */
async function start(args: string[], env: Record<string, string>, timeoutMs: number): Promise<Started> {
  const port = await freePort();
  let output = "";
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...cleanEnv(), ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the server exited before answering:\n${output}`);
    if (performance.now() - t0 > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`no answer within ${timeoutMs} ms:\n${output}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return { child, firstAnswerMs: performance.now() - t0, output: () => output };
    } catch {
      // not listening yet
    }
    await sleep(POLL_MS);
  }
}

/** The environment without anything that would point the server at PostgreSQL or another data dir. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== "DATABASE_URL" && !k.startsWith("KOE_")) env[k] = v;
  }
  return env;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Sample {
  ms: number;
  rssKib: number;
  /** The server's own "ready in N ms" (opening the database, migrations check, bootstrap), if it logs one. */
  readyMs: number | undefined;
}

async function measureOnce(args: string[], env: Record<string, string>): Promise<Sample> {
  const s = await start(args, env, 60_000);
  await sleep(IDLE_MS);
  const rss = rssKib(s.child.pid as number);
  await stop(s.child);
  const ready = /ready in (\d+) ms/.exec(s.output())?.[1];
  return { ms: s.firstAnswerMs, rssKib: rss, readyMs: ready === undefined ? undefined : Number(ready) };
}

async function prepare(dir: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  const s = await start([koe, ...args], { KOE_DATA_DIR: dir }, 600_000);
  await stop(s.child);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const emptyDir = mkdtempSync(join(tmpdir(), "koe-bench-empty-"));
  const demoDir = mkdtempSync(join(tmpdir(), "koe-bench-demo-"));
  try {
    log("first start (creates the data dir)…");
    const created = await prepare(emptyDir, ["serve"]);
    log(`created in ${ms(created)}; first start with --demo (seeds the demo)…`);
    const seeded = await prepare(demoDir, ["serve", "--demo"]);
    log(`seeded in ${ms(seeded)}; ${RUNS} rounds of restarts…`);

    const bare: Sample[] = [];
    const empty: Sample[] = [];
    const demo: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await measureOnce(["-e", bareServer], {}));
      empty.push(await measureOnce([koe, "serve"], { KOE_DATA_DIR: emptyDir }));
      demo.push(await measureOnce([koe, "serve", "--demo"], { KOE_DATA_DIR: demoDir }));
    }

    const base = median(bare.map((s) => s.ms));
    const baseRss = median(bare.map((s) => s.rssKib));
    const row = (name: string, samples: Sample[]) => {
      const times = samples.map((s) => s.ms);
      const rss = median(samples.map((s) => s.rssKib));
      const ready = samples.flatMap((s) => (s.readyMs === undefined ? [] : [s.readyMs]));
      return [
        name,
        ms(median(times)),
        ready.length ? ms(median(ready)) : "–",
        `${ms(Math.min(...times))} – ${ms(Math.max(...times))}`,
        mib(rss),
        ratio(median(times) / base),
        ratio(rss / baseRss),
      ];
    };
    printTable(
      `Cold start to first answered GET /healthz (${RUNS} runs each, interleaved), embedded database`,
      [
        [
          "server",
          "median",
          "of which db + bootstrap",
          "min – max",
          "idle RSS (3 s)",
          "time vs bare",
          "RSS vs bare",
        ],
        row("bare node http server (baseline)", bare),
        row("koe serve, existing data dir", empty),
        row("koe serve --demo, data dir with the demo", demo),
      ],
    );
    const koeMedian = median(empty.map((s) => s.ms));
    console.log(
      `\ngoal ≤ ${ms(GOAL_MS)} to first answer: ${verdict(koeMedian <= GOAL_MS)} (${ms(koeMedian)})`,
    );
    console.log(
      `first start: empty data dir created in ${ms(created)}; demo seeded on first start in ${ms(seeded)}`,
    );
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
    rmSync(demoDir, { recursive: true, force: true });
  }
}

await main();
