// A database of a test file's own on the test PostgreSQL server, for tests that add triggers or locks
// other files must not meet (the shared test database serves every file at once).
import type { Kysely } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { migrateToLatest } from "../src/db/migrate.ts";
import { openPostgres, type OpenDatabase } from "../src/db/open.ts";

/** Also its URL, for a process of its own (`koe serve` in a child process). */
export async function openPrivateDatabase(name: string): Promise<OpenDatabase & { url: string }> {
  const base = inject("testDatabaseUrl");
  if (!base) throw new Error("a private database needs TEST_DATABASE_URL");
  const database = `${name}_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${database} with (force)`);
  await admin(`create database ${database}`);
  const url = new URL(base);
  url.pathname = `/${database}`;
  const open = await openPostgres(url.toString(), 5);
  await migrateToLatest(open.db as unknown as Kysely<unknown>);
  return {
    ...open,
    url: url.toString(),
    close: async () => {
      await open.close();
      await admin(`drop database if exists ${database} with (force)`);
    },
  };
}
