// A fixed-window limit per client for public endpoints. Windows start on multiples of their length, so
// every process agrees where a minute begins; the counts come from a HitCounter: this app's memory by
// default, shared through the database under `koe serve` (domain/rate-limits/shared-hit-counter.ts).
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { Clock } from "../../clock.ts";
import { memoryHitCounter, type HitCounter } from "../../domain/rate-limits/hit-counter.ts";

export function rateLimit(opts: {
  limit: number;
  windowMs: number;
  /** Whom a request counts against: its client address (client-address.ts). */
  key: (c: Context) => string;
  counter?: HitCounter;
  clock: Clock;
  onLimit: (c: Context) => Response | Promise<Response>;
}) {
  const counter = opts.counter ?? memoryHitCounter();
  return createMiddleware(async (c, next) => {
    const t = opts.clock.now();
    const windowStart = t - (t % opts.windowMs);
    if (counter.hit(opts.key(c), windowStart) > opts.limit) {
      c.header("retry-after", String(Math.ceil((windowStart + opts.windowMs - t) / 1000)));
      return opts.onLimit(c);
    }
    await next();
  });
}
