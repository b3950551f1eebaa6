// The real HTTP app, in process, over a bench database (no port, no network).
import { systemClock } from "../../packages/server/src/clock.ts";
import { createApp, type App } from "../../packages/server/src/http/app.ts";
import type { AppDeps } from "../../packages/server/src/http/env.ts";
import type { Db } from "../../packages/server/src/db/open.ts";

export const BENCH_SECRET = "bench-secret-0123456789abcdef0123456789";

export function benchApp(db: Db, extra: Partial<AppDeps> = {}): App {
  const deps: AppDeps = {
    db,
    version: "bench",
    secret: BENCH_SECRET,
    // The benches drive the public pages from one address: no per-client limit.
    publicRequestsPerMinute: Number.POSITIVE_INFINITY,
    baseUrl: "http://localhost:3000",
    clock: systemClock,
    ...extra,
  };
  return createApp(deps);
}
