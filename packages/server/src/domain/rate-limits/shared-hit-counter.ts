// A hit counter shared by every process on one database, so a rate limit holds however many `koe serve`
// processes sit behind the load balancer. A hit is counted in memory and answered at once; every flush
// (about a second under `koe serve`) adds this process's new hits to rate_limit_hits in one statement and
// reads back each key's total across processes. The lag: another process's hits are seen here within one
// flush interval after this process's next hit of that key, so together the processes may let through up
// to one interval's worth of a key's hits more than the limit (never more than the limit in any one).
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { HitCounter } from "./hit-counter.ts";

export interface SharedHitCounter extends HitCounter {
  /** Sends the hits counted since the last flush and takes back the totals. */
  flush(): Promise<void>;
  /** Flushes every `intervalMs` until stopped. */
  start(intervalMs: number, onError: (e: unknown) => void): void;
  /** Stops the timer after a last flush. */
  stop(): Promise<void>;
}

interface Entry {
  windowStart: number;
  /** The total across processes at the last flush, this process's flushed hits included. */
  known: number;
  /** Hits not yet sent. */
  pending: number;
  /** Hits in the flush under way. */
  sending: number;
}

const CHUNK = 1_000;

/** `bucket` names the limit (e.g. "public"), so several limits can share the table. */
export function sharedHitCounter(db: Db, bucket: string): SharedHitCounter {
  const entries = new Map<string, Entry>();
  let newestWindow = 0;
  let prunedBefore = 0;
  let flushing: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function send(batch: [string, Entry][]): Promise<void> {
    const keys = batch.map(([k]) => k);
    const windows = batch.map(([, e]) => e.windowStart / 1000);
    const counts = batch.map(([, e]) => e.sending);
    // Sorted by key, so two processes' flushes lock the rows they share in the same order.
    const { rows } = await sql<{ client: string; window_ms: number; hits: number }>`
      insert into rate_limit_hits (bucket, client, window_start, hits)
      select ${bucket}, t.client, to_timestamp(t.w), t.n
        from unnest(${keys}::text[], ${windows}::float8[], ${counts}::int[]) as t(client, w, n)
       order by t.client
      on conflict (bucket, client, window_start) do update set hits = rate_limit_hits.hits + excluded.hits
      returning client, (extract(epoch from window_start) * 1000)::float8 as window_ms, hits`.execute(db);
    const totals = new Map(rows.map((r) => [`${r.client}\n${r.window_ms}`, r.hits]));
    for (const [key, e] of batch) {
      const total = totals.get(`${key}\n${e.windowStart}`);
      if (total !== undefined) e.known = Math.max(e.known, total);
      e.sending = 0;
    }
  }

  async function flushOnce(): Promise<void> {
    const batch: [string, Entry][] = [];
    for (const [key, e] of entries) {
      if (e.pending > 0) {
        e.sending = e.pending;
        e.pending = 0;
        batch.push([key, e]);
      } else if (e.windowStart < newestWindow && e.sending === 0) entries.delete(key);
    }
    batch.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    try {
      for (let i = 0; i < batch.length; i += CHUNK) await send(batch.slice(i, i + CHUNK));
    } catch (e) {
      // Not sent: counted again at the next flush. Until then this process still counts its own.
      for (const [, entry] of batch) {
        entry.pending += entry.sending;
        entry.sending = 0;
      }
      throw e;
    }
    if (newestWindow > prunedBefore) {
      prunedBefore = newestWindow;
      await sql`delete from rate_limit_hits
        where bucket = ${bucket} and window_start < to_timestamp(${newestWindow / 1000}::float8)`.execute(db);
    }
  }

  const counter: SharedHitCounter = {
    hit(key, windowStart) {
      if (windowStart > newestWindow) newestWindow = windowStart;
      let e = entries.get(key);
      if (!e || e.windowStart !== windowStart) {
        // A new window: hits of the old one still in a flush land on its own row, not on this entry.
        e = { windowStart, known: 0, pending: 0, sending: 0 };
        entries.set(key, e);
      }
      e.pending++;
      return e.known + e.sending + e.pending;
    },
    flush() {
      flushing ??= flushOnce().finally(() => (flushing = undefined));
      return flushing;
    },
    start(intervalMs, onError) {
      timer ??= setInterval(() => counter.flush().catch(onError), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await flushing?.catch(() => {});
      await counter.flush();
    },
  };
  return counter;
}
