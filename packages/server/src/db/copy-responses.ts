// Storing an import batch on PostgreSQL: the rows go by COPY straight into responses (PostgreSQL inserts
// them many to a page), then one statement adds them to the rollups from compact arrays (one upsert, in
// sorted order, so two concurrent imports cannot deadlock) and records their response.created events, all
// in one transaction. COPY's text format costs PostgreSQL less to read than jsonb_to_recordset and Node
// less to write than JSON. The rollup
// statement reads the time zone under a key-share lock after the rows are in: a zone change either
// committed before it (the new zone is read) or waits for this import's commit (its rebuild sees the rows).
// PGlite has no COPY from a stream: responseCopier says so by giving nothing, and the import keeps
// insertResponses' statement.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { isInsufficientPrivilege } from "./errors.ts";
import { poolOf, type Db } from "./open.ts";
import { addToRollups, slotFor } from "../domain/rollups/rollups.ts";
import type { EventPayloads } from "../domain/events/record.ts";
import type { PreparedResponse } from "../domain/responses/store-responses.ts";

const copyRows = `copy responses (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, score, segment,
  comment, locale, metadata, source, created_at) from stdin`;

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeChar = (c: string): string => escapes[c] ?? c;

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
const field = (v: string | null): string =>
  v === null ? "\\N" : special.test(v) ? v.replace(specials, escapeChar) : v;

/**
 * The rows as COPY text (UTF-8), in the order of copyRows' columns, each line written straight into one buffer:
 * cheaper than concatenating 10,000 lines into a string and encoding that.
 */
export function copyData(workspaceId: string, rows: readonly PreparedResponse[]): Buffer {
  let buf = Buffer.allocUnsafe(rows.length * 300 + 1024);
  let at = 0;
  const ws = field(workspaceId);
  for (const r of rows) {
    const line =
      `${ws}\t${field(r.id)}\t${field(r.survey_id)}\t${field(r.contact_id)}\t${field(r.touchpoint_id)}\t` +
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

const copyEvents = "copy domain_events (workspace_id, type, subject_id, payload) from stdin";

/** The rows' response.created events as COPY text, one line per row in the rows' order (ids ascend with it). */
export function eventData(workspaceId: string, rows: readonly PreparedResponse[]): Buffer {
  const ws = field(workspaceId);
  const lines = rows.map((r) => {
    const payload: EventPayloads["response.created"] = {
      surveyId: r.survey_id,
      contactId: r.contact_id,
      sendId: r.send_id ?? null,
      score: r.score,
      segment: r.segment,
      source: r.source,
    };
    return `${ws}\tresponse.created\t${field(r.id)}\t${field(JSON.stringify(payload))}\n`;
  });
  return Buffer.from(lines.join(""));
}

const distinct = (values: (string | null)[]) => [...new Set(values.filter((v) => v !== null))];

/**
 * Takes the key-share locks the rows' foreign-key checks would take (workspace, surveys, touchpoints,
 * contacts), once per referenced row; true when every one exists. None can then be deleted or re-keyed
 * before this transaction ends, so the rows may skip the per-row checks. A row gone since validation
 * makes it false: the copy then runs checked and fails on it the usual way.
 */
async function lockReferences(client: pg.PoolClient, workspaceId: string, rows: readonly PreparedResponse[]) {
  const surveys = distinct(rows.map((r) => r.survey_id));
  const touchpoints = distinct(rows.map((r) => r.touchpoint_id));
  const contacts = distinct(rows.map((r) => r.contact_id));
  const locked = (table: string, param: string) =>
    `(select count(*)::int from (select 1 from ${table} where workspace_id = $1 and id = any(${param}::uuid[])
      for key share) x)`;
  const { rows: found } = await client.query<{ w: number; s: number; t: number; c: number }>(
    `select (select count(*)::int from (select 1 from workspaces where id = $1 for key share) x) as w,
            ${locked("surveys", "$2")} as s, ${locked("touchpoints", "$3")} as t, ${locked("contacts", "$4")} as c`,
    [workspaceId, surveys, touchpoints, contacts],
  );
  const f = found[0];
  return f?.w === 1 && f.s === surveys.length && f.t === touchpoints.length && f.c === contacts.length;
}

/** Pools whose role may not set session_replication_role (not a superuser, no GRANT SET on 15+). */
const checkedOnly = new WeakSet<pg.Pool>();

/** Skips the per-row checks for the rest of the transaction, when the role may; on the same client. */
async function skipRowChecks(client: pg.PoolClient, pool: pg.Pool): Promise<boolean> {
  await client.query("savepoint skip_row_checks");
  try {
    await client.query("set local session_replication_role = replica");
    return true;
  } catch (e) {
    if (!isInsufficientPrivilege(e)) throw e;
    checkedOnly.add(pool);
    await client.query("rollback to savepoint skip_row_checks"); // the locks taken before it stay
    return false;
  }
}

/** Stores the rows and their rollups in one transaction on a client of `pool` (the pool under `db`). */
export async function copyResponses(
  db: Db,
  pool: pg.Pool,
  workspaceId: string,
  rows: readonly PreparedResponse[],
): Promise<void> {
  const data = copyData(workspaceId, rows);
  // What the rollups need of each row, as array literals joined by hand (every element is a uuid, a channel
  // name, a number or an ISO time: none needs quoting; pg's own array encoding cost 7–10 ms per 10,000
  // rows). A row's survey × touchpoint × channel is one of a few: sent once each, and a number per row.
  const array = (values: (string | number | null)[]) => `{${values.map((v) => v ?? "NULL").join(",")}}`;
  const keys = new Map<string, number>();
  const keyRows: PreparedResponse[] = []; // the first row of each key, in key order
  const keyOf = rows.map((r) => {
    const key = `${r.survey_id} ${r.touchpoint_id} ${r.channel}`;
    let k = keys.get(key);
    if (k === undefined) keys.set(key, (k = keyRows.push(r)));
    return k;
  });
  const rollUp = sql`
    with keys as (
      select * from unnest(${array(keyRows.map((r) => r.survey_id))}::uuid[],
                           ${array(keyRows.map((r) => r.touchpoint_id))}::uuid[],
                           ${array(keyRows.map((r) => r.channel))}::text[])
             with ordinality as k (survey_id, touchpoint_id, channel, k)
    ),
    rows as (
      select k.survey_id, k.touchpoint_id, k.channel, r.score, r.created_at, 1 as w
      from unnest(${array(keyOf)}::int[], ${array(rows.map((r) => r.score))}::smallint[],
                  ${array(rows.map((r) => r.created_at))}::timestamptz[]) as r (k, score, created_at)
      join keys k on k.k = r.k
    )
    ${addToRollups(workspaceId, slotFor(rows.length))}`.compile(db);
  // Their response.created events (domain/events/record.ts), by COPY too: with an INSERT … SELECT building
  // each payload in SQL a 10,000-row import took 1.6× as long as without events, by COPY 1.3×.
  const events = eventData(workspaceId, rows);

  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("begin");
    try {
      // The rows' foreign keys are checked and their rows locked first, once per referenced row instead of
      // once per row and key (160 of the COPY's 245 ms of PostgreSQL CPU per 10,000 rows, measured).
      const skipped =
        !checkedOnly.has(pool) &&
        (await lockReferences(client, workspaceId, rows)) &&
        (await skipRowChecks(client, pool));
      await pipeline(Readable.from([data]), client.query(copyFrom(copyRows)));
      // After the rows, so each event's id is taken once its response exists (record.ts).
      await pipeline(Readable.from([events]), client.query(copyFrom(copyEvents)));
      if (skipped) await client.query("set local session_replication_role = origin");
      await client.query(rollUp.sql, [...rollUp.parameters]);
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

/** The bulk path for an import batch where the database has one (PostgreSQL); undefined on PGlite. */
export function responseCopier(
  db: Db,
): ((workspaceId: string, rows: readonly PreparedResponse[]) => Promise<void>) | undefined {
  const pool = poolOf(db);
  return pool && ((workspaceId, rows) => copyResponses(db, pool, workspaceId, rows));
}
