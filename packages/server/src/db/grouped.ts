// Group commit for hot statements: calls that arrive while earlier groups are in flight wait and go
// together as one statement (one round trip, one commit), each caller still getting its own answer.
// Under light load every call goes at once, alone. Per process; nothing is held across calls.
import type { Db } from "./open.ts";

export interface GroupOptions {
  /** Groups running at the same time (each holds a pool connection). */
  inFlight: number;
  /** Calls in one group at most. */
  maxSize: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (error: unknown) => void;
}

/**
 * `run(key, items)` answers the items of one group, in order. Only calls with the same key are grouped.
 * When a group fails, its halves are tried in turn, down to the bad call alone, so one bad call cannot
 * fail its neighbours: `run` must leave nothing behind when it fails (one statement does that by itself).
 */
export function grouped<K, I, O>(
  run: (key: K, items: I[]) => Promise<O[]>,
  { inFlight, maxSize }: GroupOptions,
): (key: K, item: I) => Promise<O> {
  const queues = new Map<K, Waiting<I, O>[]>();
  let running = 0;
  let scheduled = false;

  /** Runs a group; if it fails, its halves in turn, down to the call that fails alone (in its slot). */
  const settle = async (key: K, group: Waiting<I, O>[]): Promise<void> => {
    try {
      const outs = await run(
        key,
        group.map((w) => w.item),
      );
      group.forEach((w, i) => w.resolve(outs[i] as O));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      const half = Math.ceil(group.length / 2);
      await settle(key, group.slice(0, half));
      await settle(key, group.slice(half));
    }
  };

  const start = (key: K, group: Waiting<I, O>[]) => {
    running++;
    void settle(key, group).finally(() => {
      running--;
      pump();
    });
  };

  const pump = () => {
    scheduled = false;
    for (const [key, queue] of queues) {
      if (running >= inFlight) return;
      queues.delete(key);
      const group = queue.splice(0, maxSize);
      if (queue.length) queues.set(key, queue); // the rest waits behind the other keys
      start(key, group);
    }
  };

  return (key, item) =>
    new Promise<O>((resolve, reject) => {
      const queue = queues.get(key);
      if (queue) queue.push({ item, resolve, reject });
      else queues.set(key, [{ item, resolve, reject }]);
      // Wait for the rest of this turn of the event loop: requests read together are grouped together.
      if (!scheduled && running < inFlight) {
        scheduled = true;
        setImmediate(pump);
      }
    });
}

/**
 * `grouped` for a statement on a database: one grouping per database handle, made on first use. A call
 * inside a transaction runs alone at once: a group runs on a pool connection of its own, outside it.
 */
export function groupedOnDb<K, I, O>(
  run: (db: Db, key: K, items: I[]) => Promise<O[]>,
  options: GroupOptions,
): (db: Db, key: K, item: I) => Promise<O> {
  const made = new WeakMap<Db, (key: K, item: I) => Promise<O>>();
  return async (db, key, item) => {
    if (db.isTransaction) return (await run(db, key, [item]))[0] as O;
    let call = made.get(db);
    if (!call) made.set(db, (call = grouped((k: K, items: I[]) => run(db, k, items), options)));
    return call(key, item);
  };
}
