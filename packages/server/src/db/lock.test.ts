// The data-directory lock: a second Koe process on the same embedded database must refuse to start.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { DataDirLockedError, lockDataDir, lockOwner } from "./lock.ts";
import { openEmbedded } from "./open.ts";

const here = dirname(fileURLToPath(import.meta.url));
const lockModule = pathToFileURL(join(here, "lock.ts")).href;
const serverRoot = resolve(here, "../..");

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "koe-lock-"));
  dirs.push(dir);
  return dir;
}
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Another Node process running `code` with lockDataDir imported; dir in KOE_LOCK_DIR. */
function child(
  code: string,
  dir: string,
): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const script = `import { lockDataDir } from ${JSON.stringify(lockModule)};\nconst dir = process.env.KOE_LOCK_DIR;\n${code}`;
  const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: serverRoot,
    env: { ...process.env, KOE_LOCK_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(proc);
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((done) => proc.on("exit", (code) => done(code)));
  return { proc, output: () => out, exited };
}

const tryLock = `
try {
  lockDataDir(dir);
  console.log("LOCKED");
  process.exit(0);
} catch (e) {
  console.log("REFUSED " + e.constructor.name + ": " + e.message);
  process.exit(3);
}`;

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("lockDataDir", () => {
  it("writes a lock file naming this process, and release removes it", () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    const file = join(dir, "koe.lock");
    expect(existsSync(file)).toBe(true);
    const owner = JSON.parse(readFileSync(file, "utf8")) as { pid: number; startTime: string | null };
    expect(owner.pid).toBe(process.pid);
    release();
    expect(existsSync(file)).toBe(false);
    release(); // twice is harmless
    // Free again: it can be taken anew.
    lockDataDir(dir)();
  });

  it("refuses a second lock in the same process", () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    } finally {
      release();
    }
  });

  it("makes another process refuse the directory with a clear message while held", async () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    try {
      const other = child(tryLock, dir);
      expect(await other.exited).toBe(3);
      expect(other.output()).toContain("REFUSED DataDirLockedError");
      expect(other.output()).toContain("in use by another Koe process");
      expect(other.output()).toContain(`pid ${process.pid}`);
      expect(other.output()).toContain(dir);
      // The refused process left our lock alone.
      expect(JSON.parse(readFileSync(join(dir, "koe.lock"), "utf8")).pid).toBe(process.pid);
    } finally {
      release();
    }
    // Once released, another process can take it.
    const next = child(tryLock, dir);
    expect(await next.exited).toBe(0);
    expect(next.output()).toContain("LOCKED");
  });

  it("refuses while another live process holds it, and takes it over once that process is killed", async () => {
    const dir = tempDir();
    const holder = child(`lockDataDir(dir); console.log("HOLDING"); setInterval(() => {}, 1000);`, dir);
    await until(() => holder.output().includes("HOLDING"), "the child to lock");
    expect(() => lockDataDir(dir)).toThrow(/in use by another Koe process \(pid \d+\)/);
    expect(() => lockDataDir(dir)).toThrow(`pid ${holder.proc.pid}`);
    // The CLI hands its command to the holder: the error and a plain look both name it.
    const refusal = (() => {
      try {
        return lockDataDir(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect(refusal).toMatchObject({ dir, pid: holder.proc.pid });
    expect(lockOwner(dir)).toBe(holder.proc.pid);
    holder.proc.kill("SIGKILL"); // a crash: the lock file stays behind
    await holder.exited;
    expect(existsSync(join(dir, "koe.lock"))).toBe(true);
    expect(lockOwner(dir)).toBeUndefined(); // looking takes nothing over
    expect(existsSync(join(dir, "koe.lock"))).toBe(true);
    const release = lockDataDir(dir);
    expect(lockOwner(dir)).toBeUndefined(); // this process's own lock is nobody else's
    expect(JSON.parse(readFileSync(join(dir, "koe.lock"), "utf8")).pid).toBe(process.pid);
    release();
  });

  it("takes over a stale lock file: dead pid, reused pid, or garbage", async () => {
    const dir = tempDir();
    const file = join(dir, "koe.lock");
    const gone = child(`process.exit(0);`, dir);
    await gone.exited;
    const stale: string[] = [
      JSON.stringify({ pid: gone.proc.pid, startTime: "12345" }),
      // A live pid whose start time differs is another process that reused the number.
      JSON.stringify({ pid: process.ppid, startTime: "not-its-start-time" }),
      "{half-writ",
      "",
    ];
    for (const content of stale) {
      writeFileSync(file, content);
      const release = lockDataDir(dir);
      expect(JSON.parse(readFileSync(file, "utf8")).pid, content).toBe(process.pid);
      release();
      expect(existsSync(file)).toBe(false);
    }
  });
});

/** Creating a cluster from scratch is slow on a busy machine: start from the test run's snapshot when there is one. */
async function existingDataDir(): Promise<string> {
  const dir = tempDir();
  const snapshot = inject("embeddedSnapshot");
  if (snapshot) {
    const pglite = await PGlite.create(join(dir, "pgdata"), {
      loadDataDir: new Blob([await readFile(snapshot)]),
    });
    await pglite.close();
  }
  return dir;
}

describe("openEmbedded", () => {
  it(
    "refuses to open a data directory twice and leaves the first usable; closing frees it",
    { timeout: 120_000 },
    async () => {
      const dir = await existingDataDir();
      const first = await openEmbedded(dir);
      try {
        await sql`create table kept (v text)`.execute(first.db);
        await sql`insert into kept values ('still here')`.execute(first.db);
        await expect(openEmbedded(dir)).rejects.toThrow(DataDirLockedError);
        // The first handle still works after the refused attempt.
        const { rows } = await sql<{ v: string }>`select v from kept`.execute(first.db);
        expect(rows).toEqual([{ v: "still here" }]);
        // Another process is refused too.
        const other = child(tryLock, dir);
        expect(await other.exited).toBe(3);
        expect(other.output()).toContain("in use by another Koe process");
      } finally {
        await first.close();
      }
      expect(existsSync(join(dir, "koe.lock"))).toBe(false);
      const again = await openEmbedded(dir);
      try {
        const { rows } = await sql<{ v: string }>`select v from kept`.execute(again.db);
        expect(rows).toEqual([{ v: "still here" }]);
      } finally {
        await again.close();
      }
    },
  );
});
