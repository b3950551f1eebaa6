// Opens the database: a real PostgreSQL when a URL is given, else the embedded PGlite in the data dir.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { log } from "../log.ts";
import { lockDataDir } from "./lock.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { preparedStatementPool } from "./prepared-pool.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface OpenDatabase {
  db: Db;
  embedded: boolean;
  close(): Promise<void>;
}

// Same JS types on both engines: int8 as number (counts fit), dates as 'YYYY-MM-DD' strings.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

const pools = new WeakMap<Db, pg.Pool>();

/** The pg pool under a PostgreSQL database, for what Kysely cannot send (COPY FROM STDIN); none on PGlite. */
export const poolOf = (db: Db): pg.Pool | undefined => pools.get(db);

const embeddedDbs = new WeakMap<Db, PGlite>();

/** The PGlite under an embedded database, for what must run in the same step as its commit (run-now.ts). */
export const embeddedOf = (db: Db): PGlite | undefined => embeddedDbs.get(db);

export async function openPostgres(url: string, max = 10): Promise<OpenDatabase> {
  const types = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
      if (oid === DATE) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server ends (a restart, a terminated backend) is dropped and replaced on the
  // next use; unheard, its error would end the process.
  pool.on("error", (e) => log.warn(`database: an idle connection was closed (${e.message})`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparedStatementPool(pool) }) });
  pools.set(db, pool);
  return { db, embedded: false, close: () => db.destroy() };
}

export const pgliteParsers = { [INT8]: Number, [NUMERIC]: Number, [DATE]: (v: string) => v };

export function wrapPGlite(pglite: PGlite, onClose = () => {}): OpenDatabase {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  embeddedDbs.set(db, pglite);
  return {
    db,
    embedded: true,
    close: async () => {
      await db.destroy();
      onClose();
    },
  };
}

/** dataDir undefined: an in-memory database (tests). */
export async function openEmbedded(dataDir?: string): Promise<OpenDatabase> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  try {
    const pglite = await PGlite.create(dataDir ? join(dataDir, "pgdata") : undefined, {
      parsers: pgliteParsers,
      // PostgreSQL's 128 MB of shared buffers would be most of the process's memory; the embedded
      // database is for small data, and the OS caches its files anyway.
      startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
    });
    return wrapPGlite(pglite, release);
  } catch (e) {
    release();
    throw e;
  }
}

export function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<OpenDatabase> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openEmbedded(opts.dataDir);
}
