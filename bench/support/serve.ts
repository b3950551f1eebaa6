// The real server in a process of its own, as in production, so the load generator does not share its
// event loop: `fork`ed by a bench, it serves the bench app over DATABASE_URL and reports its port.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { openPostgres } from "../../packages/server/src/db/open.ts";
import { sharedHitCounter } from "../../packages/server/src/domain/rate-limits/shared-hit-counter.ts";
import { benchApp } from "./app.ts";

const url = process.env.DATABASE_URL;
if (!url || !process.send) throw new Error("fork me with DATABASE_URL set");
const { db, close } = await openPostgres(url, Number(process.env.POOL ?? 10));
// The public pages count their requests across processes, as under `koe serve` (the limit is off).
const publicHits = sharedHitCounter(db, "public");
publicHits.start(1_000, (e) => console.error("rate limit flush:", e));
const server = serve({ fetch: benchApp(db, { publicHits }).fetch, port: 0, hostname: "127.0.0.1" });
server.once("listening", () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on("message", () =>
  server.close(
    () =>
      void publicHits
        .stop()
        .then(close)
        .then(() => process.exit(0)),
  ),
);
