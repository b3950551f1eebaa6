// Two counters on one database stand for two Koe processes: each answers from memory, and a flush adds
// its hits to the shared table and takes back the total of both.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { openPostgres, type OpenDatabase } from "../../db/open.ts";
import { sharedHitCounter } from "./shared-hit-counter.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(async () => {
  await open.db.deleteFrom("rate_limit_hits").where("bucket", "like", "test-%").execute();
  await open.close();
});

const minute = 60_000;
const window = Date.UTC(2026, 11, 3, 9, 0);
/** A bucket of this test's own: the test database is shared with other files. */
const newBucket = () => `test-${randomUUID()}`;

async function stored(bucket: string) {
  return open.db
    .selectFrom("rate_limit_hits")
    .select(["client", "window_start", "hits"])
    .where("bucket", "=", bucket)
    .orderBy("client")
    .orderBy("window_start")
    .execute();
}

describe("sharedHitCounter", () => {
  it("answers from memory and adds every process's hits up at each flush", async () => {
    const bucket = newBucket();
    const a = sharedHitCounter(open.db, bucket);
    const b = sharedHitCounter(open.db, bucket);
    const client = "198.51.100.1";
    expect([a.hit(client, window), a.hit(client, window), a.hit(client, window)]).toEqual([1, 2, 3]);
    expect([b.hit(client, window), b.hit(client, window)]).toEqual([1, 2]);
    expect(b.hit("198.51.100.2", window)).toBe(1);
    await a.flush();
    await b.flush();
    // b flushed last and has read back both processes' hits; a sees b's at its next flush.
    expect(b.hit(client, window)).toBe(6);
    expect(a.hit(client, window)).toBe(4);
    await a.flush();
    expect(a.hit(client, window)).toBe(7);
    await b.flush();
    await a.flush();
    // a: 3 + 1 + 1, b: 2 + 1.
    expect(await stored(bucket)).toEqual([
      { client, window_start: new Date(window), hits: 8 },
      { client: "198.51.100.2", window_start: new Date(window), hits: 1 },
    ]);
    // Nothing new: a flush sends nothing and changes nothing.
    await a.flush();
    expect((await stored(bucket))[0]?.hits).toBe(8);
  });

  it("starts each window from zero and deletes the rows of windows that are over", async () => {
    const bucket = newBucket();
    const a = sharedHitCounter(open.db, bucket);
    for (let i = 0; i < 5; i++) a.hit("198.51.100.1", window);
    await a.flush();
    expect(a.hit("198.51.100.1", window + minute)).toBe(1);
    expect(a.hit("198.51.100.2", window + minute)).toBe(1);
    await a.flush();
    expect(await stored(bucket)).toEqual([
      { client: "198.51.100.1", window_start: new Date(window + minute), hits: 1 },
      { client: "198.51.100.2", window_start: new Date(window + minute), hits: 1 },
    ]);
  });

  it("keeps counting in memory when a flush fails, and sends those hits with the next", async () => {
    // Nothing listens on port 1 of the loopback: a database that cannot be reached.
    const broken = await openPostgres("postgres://koe@127.0.0.1:1/koe", 1);
    try {
      const a = sharedHitCounter(broken.db, newBucket());
      a.hit("198.51.100.1", window);
      a.hit("198.51.100.1", window);
      await expect(a.flush()).rejects.toThrow(/ECONNREFUSED/);
      expect(a.hit("198.51.100.1", window)).toBe(3);
    } finally {
      await broken.close();
    }
    const bucket = newBucket();
    const b = sharedHitCounter(open.db, bucket);
    b.hit("198.51.100.1", window);
    await b.flush();
    expect((await stored(bucket))[0]?.hits).toBe(1);
  });

  it("stop() sends what is left", async () => {
    const bucket = newBucket();
    const a = sharedHitCounter(open.db, bucket);
    a.start(60_000, () => {});
    a.hit("198.51.100.9", window);
    await a.stop();
    expect((await stored(bucket))[0]?.hits).toBe(1);
  });
});
