// The signing secret lives in the database: every process on it gets the same one, the first process's
// old data-dir secret (from before 2026-12) becomes it, and KOE_SECRET still wins.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { signingSecret } from "../../bootstrap.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { instanceSecret } from "./instance-secret.ts";

let open: OpenDatabase;
const dirs: string[] = [];
/** A data directory of one process, with the secret file an older Koe wrote, or none. */
function dataDir(oldSecret?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "koe-secret-"));
  dirs.push(dir);
  if (oldSecret) writeFileSync(join(dir, "secret"), oldSecret + "\n");
  return dir;
}

beforeAll(async () => {
  open = await openTestDatabase();
});
// Only this file touches the instance's secrets; each test starts as a new installation.
beforeEach(async () => {
  await open.db.deleteFrom("instance_secrets").execute();
});
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await open.db.deleteFrom("instance_secrets").execute();
  await open.close();
});

describe("signingSecret", () => {
  it("is generated once and then the same for every process, whatever its data directory", async () => {
    const first = await signingSecret(open.db, { secret: undefined, dataDir: dataDir() });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await signingSecret(open.db, { secret: undefined, dataDir: dataDir() })).toBe(first);
    const [a, b] = await Promise.all([
      signingSecret(open.db, { secret: undefined, dataDir: dataDir() }),
      signingSecret(open.db, { secret: undefined, dataDir: dataDir() }),
    ]);
    expect([a, b]).toEqual([first, first]);
  });

  it("starts from the secret file an existing installation kept, so links already sent still open", async () => {
    const old = "kept-from-an-earlier-install-0123456789";
    expect(await signingSecret(open.db, { secret: undefined, dataDir: dataDir(old) })).toBe(old);
    // Another process with a file of its own (its links were a 404 elsewhere anyway) takes the shared one.
    expect(
      await signingSecret(open.db, {
        secret: undefined,
        dataDir: dataDir("another-process-own-secret-0123456789"),
      }),
    ).toBe(old);
    expect(await signingSecret(open.db, { secret: undefined, dataDir: dataDir() })).toBe(old);
  });

  it("ignores a secret file too short to be one", async () => {
    const secret = await signingSecret(open.db, { secret: undefined, dataDir: dataDir("short") });
    expect(secret).not.toBe("short");
    expect(secret.length).toBeGreaterThanOrEqual(32);
  });

  it("is KOE_SECRET when set, leaving the database alone", async () => {
    const env = "e".repeat(40);
    expect(await signingSecret(open.db, { secret: env, dataDir: dataDir() })).toBe(env);
    expect(await open.db.selectFrom("instance_secrets").selectAll().execute()).toEqual([]);
  });
});

describe("instanceSecret", () => {
  it("keeps the first value stored and never calls the seed again", async () => {
    expect(await instanceSecret(open.db, "signing", () => "a".repeat(32))).toBe("a".repeat(32));
    expect(
      await instanceSecret(open.db, "signing", () => {
        throw new Error("not called");
      }),
    ).toBe("a".repeat(32));
  });
});
