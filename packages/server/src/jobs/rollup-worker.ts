// The rollup job (domain/reports/refresh-rollups.ts) in a loop: runs in `koe serve` and `koe worker`, next
// to the mail worker; several processes may run it over one database. It steps again at once while there
// is work and polls every few seconds otherwise, which bounds how long a changed day is read from the raw
// rows (only the speed of those reports depends on it).
import type { Db } from "../db/open.ts";
import { refreshRollups } from "../domain/rollups/refresh-rollups.ts";

export interface RollupWorkerOptions {
  db: Db;
  /** Pause between polls when nothing changed. */
  idleMs?: number;
  onError?: (e: unknown) => void;
}

export function runRollupWorker(opts: RollupWorkerOptions): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      const days = await refreshRollups(opts.db).catch((e: unknown) => {
        opts.onError?.(e);
        return 0;
      });
      if (days === 0 && !stopped) {
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, opts.idleMs ?? 5_000);
        });
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
