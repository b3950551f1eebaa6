// `koe serve` on a port another process holds: one line saying so, before the database is opened,
// created or migrated. The real CLI in a child process.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKoe } from "../test/koe-process.ts";

let holder: Server;
let port: number;
const dirs: string[] = [];
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((r) => holder.listen(0, "0.0.0.0", r));
  port = (holder.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => holder.close(r));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const busy = (p: number) => `koe: port ${p} is in use: set PORT to another port or stop the other process`;

describe("koe serve on a busy port", { timeout: 120_000 }, () => {
  it("says so in one line and leaves the embedded database's data directory uncreated", async () => {
    const parent = mkdtempSync(join(tmpdir(), "koe-port-"));
    dirs.push(parent);
    const dataDir = join(parent, "data");
    const run = await runKoe(["serve"], { PORT: String(port), KOE_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(busy(port));
    expect(run.stdout).not.toMatch(/migration|listening/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("says so before connecting to PostgreSQL", async () => {
    // Nothing listens on port 1: a start that reached for the database first would fail on that instead.
    const run = await runKoe(["serve"], {
      PORT: String(port),
      DATABASE_URL: "postgres://koe@127.0.0.1:1/koe",
      KOE_DATA_DIR: join(tmpdir(), "koe-port-unused"),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(busy(port));
  });
});
