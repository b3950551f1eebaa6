// A fixed-window limit per client address for public endpoints. Per process: with several processes
// each one counts its own share, which is enough to stop floods.
import { createMiddleware } from "hono/factory";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local"; // app.request() in tests has no socket
  }
}

export function rateLimit(opts: {
  limit: number;
  windowMs: number;
  onLimit: (c: Context) => Response | Promise<Response>;
}) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return createMiddleware(async (c, next) => {
    const now = Date.now();
    if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
    const key = clientAddress(c);
    const entry = hits.get(key);
    if (!entry || entry.resetAt <= now) hits.set(key, { count: 1, resetAt: now + opts.windowMs });
    else if (++entry.count > opts.limit) {
      c.header("retry-after", String(Math.ceil((entry.resetAt - now) / 1000)));
      return opts.onLimit(c);
    }
    await next();
  });
}
