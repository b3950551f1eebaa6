import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedOf, type OpenDatabase } from "./open.ts";
import { openTestDatabase, onPostgres } from "../../test/database.ts";
import { runNow } from "./run-now.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

describe.skipIf(onPostgres())("runNow on the embedded database", () => {
  it("commits at once and counts the rows; a later query sees them; an error is thrown, nothing kept", async () => {
    const pglite = embeddedOf(open.db)!;
    await sql`create table run_now_t (n int primary key)`.execute(open.db);
    await open.db.connection().execute(async () => {
      expect(runNow(pglite, "insert into run_now_t values (1), (2)")).toBe(2);
      expect(runNow(pglite, "update run_now_t set n = n + 10 where n = 1")).toBe(1);
      expect(() => runNow(pglite, "insert into run_now_t values (2)")).toThrow(/duplicate key/);
    });
    const rows = await sql<{ n: number }>`select n from run_now_t order by n`.execute(open.db);
    expect(rows.rows.map((r) => r.n)).toEqual([2, 11]);
  });
});
