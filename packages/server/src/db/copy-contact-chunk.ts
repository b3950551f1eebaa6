// A contact import's chunk transaction (domain/contacts/import-run.ts). On PostgreSQL it runs on one client of
// the pool, so the chunk's rows can go by COPY into a temporary table on that client before the merge
// statement reads them (COPY's text costs PostgreSQL and Node less than arrays of parameters, as for the
// response import: copy-responses.ts). PGlite has no COPY from a stream: there the transaction is the
// usual one and the merge statement takes its rows as arrays.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Kysely, PostgresDialect, type PostgresPoolClient } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { ChunkCopier } from "../domain/contacts/import-merge.ts";
import { poolOf, type Db } from "./open.ts";
import type { Database } from "./schema.ts";
const chunkTable = `create temporary table if not exists koe_import_chunk (new_id uuid, line int, email text,
  name text, phone text, locale text, time_zone text, external_id text, company_id uuid, tags jsonb,
  attributes jsonb) on commit delete rows`;

/** Runs `fn` in one transaction, with a copier on PostgreSQL (none on the embedded database). */
export async function inChunkTransaction<T>(
  db: Db,
  fn: (trx: Db, copy?: ChunkCopier) => Promise<T>,
): Promise<T> {
  const pool = poolOf(db);
  if (!pool) return db.transaction().execute((trx) => fn(trx));
  const client: pg.PoolClient = await pool.connect();
  let broken: Error | undefined;
  try {
    const pinned = { query: client.query.bind(client), release: () => {} } as unknown as PostgresPoolClient;
    const one = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: { connect: async () => pinned, end: async () => {} } }),
    });
    return await one.transaction().execute(async (trx) => {
      const copy: ChunkCopier = async (text) => {
        await client.query(chunkTable);
        await pipeline(Readable.from([text]), client.query(copyFrom("copy koe_import_chunk from stdin")));
      };
      return fn(trx, copy);
    });
  } catch (e) {
    // A failed statement leaves the client usable once rolled back; anything else may have broken it.
    broken = e instanceof Error && !("code" in e) ? e : undefined;
    throw e;
  } finally {
    client.release(broken);
  }
}
