// The real `koe` command in a child process, from the sources under test, for tests of what only a
// whole process shows: start-up errors, several processes on one database.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/koe.js");

/** The test runner's environment without Koe's settings (Vite sets BASE_URL, for one). */
const plainEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(KOE_|BASE_URL$|DATABASE_URL$|SMTP_URL$|PORT$|LOG_LEVEL$)/.test(k),
  ),
);

function spawnKoe(args: string[], env: Record<string, string>, cwd?: string): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    ...(cwd ? { cwd } : {}),
    env: { ...plainEnv, KOE_FROM_SOURCE: "1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Runs `koe …` to its end (killed after `ms`, so a process that should have stopped cannot hang the test),
 * in `cwd` when given.
 */
export function runKoe(
  args: string[],
  env: Record<string, string>,
  ms = 60_000,
  cwd?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnKoe(args, env, cwd);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  const guard = setTimeout(() => child.kill("SIGKILL"), ms);
  return new Promise((done) =>
    child.once("exit", (code) => {
      clearTimeout(guard);
      done({ code, stdout, stderr });
    }),
  );
}

export interface KoeServer {
  /** e.g. http://localhost:41234 */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `koe serve` (give PORT=0 for a free port) and waits until it says it listens. */
export async function startKoe(env: Record<string, string>, ms = 120_000): Promise<KoeServer> {
  const child = spawnKoe(["serve"], env);
  let output = "";
  child.stdout?.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((r) => {
    if (child.exitCode !== null) r();
    else child.once("exit", () => r());
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + ms;
  for (;;) {
    const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}`, output: () => output, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`koe serve did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
