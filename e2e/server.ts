// Starts the real Koe server (`koe serve`) as a child process on a free port, with a fresh data
// directory and a bootstrap API key, for the end-to-end tests and the screenshot script.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../packages/server/bin/koe.js", import.meta.url));

export interface KoeServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  apiKey: string;
  dataDir: string;
  /** What the server printed so far (for failure messages). */
  log: () => string;
  stop: () => Promise<void>;
  /** Kills the process at once (no cleanup, the data dir stays), as a crash would. */
  kill: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export interface ServerOptions {
  demo?: boolean;
  timeoutMs?: number;
  /** More environment, e.g. SMTP_URL. */
  env?: Record<string, string>;
  /** Start on an existing data dir (a restart), on the same port and key; it is not removed on stop. */
  restart?: Pick<KoeServer, "dataDir" | "baseUrl" | "apiKey">;
}

export async function startServer(opts: ServerOptions = {}): Promise<KoeServer> {
  const port = opts.restart ? Number(new URL(opts.restart.baseUrl).port) : await freePort();
  const dataDir = opts.restart?.dataDir ?? (await mkdtemp(join(tmpdir(), "koe-e2e-")));
  const apiKey = opts.restart?.apiKey ?? `e2e-${Math.random().toString(36).slice(2)}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [bin, "serve", ...(opts.demo ? ["--demo"] : [])], {
    env: {
      ...process.env,
      PORT: String(port),
      KOE_DATA_DIR: dataDir,
      KOE_BOOTSTRAP_API_KEY: apiKey,
      BASE_URL: baseUrl,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (output += b.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    if (!opts.restart) await rm(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    child.kill("SIGKILL");
    await exited(child);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 100_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`koe serve exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`koe serve did not answer /healthz in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { baseUrl, apiKey, dataDir, log: () => output, stop, kill };
}
