// The bench databases: dropped and created afresh at the start of each run, then migrated.
import type { Kysely } from "kysely";
import pg from "pg";
import { migrateToLatest } from "../../packages/server/src/db/migrate.ts";
import { openPostgres, type OpenDatabase } from "../../packages/server/src/db/open.ts";

/** The server to create bench databases on: BENCH_DATABASE_URL, or the local PostgreSQL. */
export const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function recreateDatabase(name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

/** A fresh, migrated database opened the way the server opens PostgreSQL. */
export async function freshDatabase(
  name: string,
  poolSize = 10,
): Promise<{ open: OpenDatabase; url: string }> {
  const url = await recreateDatabase(name);
  const open = await openPostgres(url, poolSize);
  await migrateToLatest(open.db as unknown as Kysely<unknown>);
  return { open, url };
}

export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
    return rows[0]?.v ?? "?";
  } finally {
    await client.end();
  }
}
