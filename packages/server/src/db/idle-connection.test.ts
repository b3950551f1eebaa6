// A PostgreSQL connection the server ends while it sits idle in the pool (a restart, an administrator's
// terminate, a dropped test database) must not end the process: the pool drops it and the next query runs.
import pg from "pg";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { onPostgres, openTestDatabase } from "../../test/database.ts";
import { poolOf, type OpenDatabase } from "./open.ts";

describe.runIf(onPostgres())("an idle PostgreSQL connection the server ends", () => {
  let open: OpenDatabase;
  beforeAll(async () => void (open = await openTestDatabase()));
  afterAll(() => open.close());

  it("is dropped from the pool, and the next query runs on a new one", async () => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(open.db);
    const pool = poolOf(open.db)!;
    expect(pool.idleCount).toBe(1);
    const admin = new pg.Client({ connectionString: inject("testDatabaseUrl") as string });
    await admin.connect();
    await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
    await admin.end();
    await expect.poll(() => pool.idleCount).toBe(0);
    const after = await sql<{ one: number }>`select 1 as one`.execute(open.db);
    expect(after.rows[0]!.one).toBe(1);
  });
});
