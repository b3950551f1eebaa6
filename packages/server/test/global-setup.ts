// Prepares one migrated database for the whole run: a fresh database on the real PostgreSQL when
// TEST_DATABASE_URL is set, else a snapshot of a migrated embedded database that each test file loads.
import { writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateToLatest } from "../src/db/migrate.ts";
import { openPostgres, wrapPGlite } from "../src/db/open.ts";
import { installJobSchema } from "../src/jobs/boss.ts";
import { PGliteDialect } from "../src/db/pglite-dialect.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string | null;
    embeddedSnapshot: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `koe_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const { db, close } = await openPostgres(url.toString(), 2);
    await migrateToLatest(db as Kysely<unknown>);
    // pg-boss's tables once for the run, not once per test file that opens the job runner.
    await installJobSchema(db);
    await close();
    project.provide("testDatabaseUrl", url.toString());
    project.provide("embeddedSnapshot", null);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const pglite = await PGlite.create();
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  await installJobSchema(wrapPGlite(pglite).db);
  const file = join(tmpdir(), `koe-test-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await db.destroy();
  project.provide("testDatabaseUrl", null);
  project.provide("embeddedSnapshot", file);
  return () => rm(file, { force: true });
}
