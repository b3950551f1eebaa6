// Storing an import batch on PostgreSQL: the rows go by COPY into a staging table of the session, then one
// statement moves them into responses and adds them to the rollups (one upsert, in sorted order, so two
// concurrent imports cannot deadlock), all in one transaction. COPY's text format costs PostgreSQL less to
// read than jsonb_to_recordset and Node less to write than JSON. PGlite keeps insertResponses' statement.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../db/open.ts";
import { addToRollups, slotFor } from "./rollups.ts";
import type { PreparedResponse } from "./store-responses.ts";

const COLUMNS =
  "id, survey_id, contact_id, touchpoint_id, channel, score, segment, comment, locale, metadata, source, created_at";

// Temporary: private to the session, no WAL; emptied at each commit, and a rollback takes its rows away.
const createStaging = `create temp table if not exists koe_import_rows (id uuid, survey_id uuid, contact_id uuid,
  touchpoint_id uuid, channel text, score smallint, segment text, comment text, locale text, metadata jsonb,
  source text, created_at timestamptz) on commit delete rows`;
const copyStaging = `copy pg_temp.koe_import_rows (${COLUMNS}) from stdin`;

/** Pool clients whose session already has the staging table. */
const staged = new WeakSet<pg.PoolClient>();

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeChar = (c: string): string => escapes[c] ?? c;

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
const field = (v: string | null): string =>
  v === null ? "\\N" : special.test(v) ? v.replace(specials, escapeChar) : v;

/**
 * The rows as COPY text (UTF-8), in the order of COLUMNS, each line written straight into one buffer:
 * cheaper than concatenating 10,000 lines into a string and encoding that.
 */
export function copyData(rows: readonly PreparedResponse[]): Buffer {
  let buf = Buffer.allocUnsafe(rows.length * 256 + 1024);
  let at = 0;
  for (const r of rows) {
    const line =
      `${field(r.id)}\t${field(r.survey_id)}\t${field(r.contact_id)}\t${field(r.touchpoint_id)}\t` +
      `${field(r.channel)}\t${r.score}\t${field(r.segment)}\t${field(r.comment)}\t${field(r.locale)}\t` +
      `${field(JSON.stringify(r.metadata))}\t${field(r.source)}\t${field(r.created_at)}\n`;
    const room = at + line.length * 3; // a UTF-16 code unit takes at most 3 bytes in UTF-8
    if (room > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * buf.length, room));
      buf.copy(bigger, 0, 0, at);
      buf = bigger;
    }
    at += buf.write(line, at);
  }
  return buf.subarray(0, at);
}

/** Stores the rows and their rollups in one transaction on a client of `pool` (the pool under `db`). */
export async function copyResponses(
  db: Db,
  pool: pg.Pool,
  workspaceId: string,
  rows: readonly PreparedResponse[],
): Promise<void> {
  const data = copyData(rows);
  const store = sql`
    with rows as (
      insert into responses (workspace_id, ${sql.raw(COLUMNS)})
      select ${workspaceId}::uuid, id, survey_id, contact_id, touchpoint_id, channel, score, segment, comment,
             locale, coalesce(metadata, '{}'), source, created_at
      from pg_temp.koe_import_rows
      returning survey_id, touchpoint_id, channel, score, created_at, 1 as w
    )
    ${addToRollups(workspaceId, slotFor(rows.length))}`.compile(db);

  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    if (!staged.has(client)) {
      await client.query(createStaging);
      staged.add(client);
    }
    await client.query("begin");
    try {
      await pipeline(Readable.from([data]), client.query(copyFrom(copyStaging)));
      await client.query(store.sql, [...store.parameters]);
      await client.query("commit");
    } catch (e) {
      await client.query("rollback").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw e;
    }
  } catch (e) {
    // A failed statement leaves the client usable once rolled back; anything else may have broken it.
    broken ??= e instanceof Error && !("code" in e) ? e : undefined;
    throw e;
  } finally {
    client.release(broken);
  }
}
