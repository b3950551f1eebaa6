// Counting requests per key (a client address) in fixed windows, for rate limits. The counter answers at
// once, from memory, so a limit costs a request no database round trip; this one counts in this process
// only (tests, apps built in process), shared-hit-counter.ts adds the other processes' counts.
export interface HitCounter {
  /** Counts one hit of `key` in the window starting at `windowStart` (ms); returns the hits known in it. */
  hit(key: string, windowStart: number): number;
}

export function memoryHitCounter(): HitCounter {
  const hits = new Map<string, { windowStart: number; count: number }>();
  return {
    hit(key, windowStart) {
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.windowStart < windowStart) hits.delete(k);
      const entry = hits.get(key);
      if (!entry || entry.windowStart !== windowStart) {
        hits.set(key, { windowStart, count: 1 });
        return 1;
      }
      return ++entry.count;
    },
  };
}
