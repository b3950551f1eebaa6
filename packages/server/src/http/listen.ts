// The HTTP port, taken first thing at start: a busy port is then said in one line before the database
// is opened or migrated, and no other process can take the port while Koe migrates. Until the app is
// handed in, requests get a 503 (health checks see "not ready").
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";

export class PortError extends Error {}

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

export interface Listener {
  port: number;
  /** From now on requests go to `fetch`. */
  serve(fetch: Fetch): void;
  close(): void;
}

const starting: Fetch = () =>
  new Response("Koe is starting\n", { status: 503, headers: { "retry-after": "1" } });

export async function listen(port: number, hostname = "0.0.0.0"): Promise<Listener> {
  let current = starting;
  const server = createAdaptorServer({ fetch: (request, env) => current(request, env), hostname });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE")
        reject(new PortError(`port ${port} is in use: set PORT to another port or stop the other process`));
      else if (e.code === "EACCES")
        reject(new PortError(`port ${port} needs privileges this user lacks: set PORT to a port above 1023`));
      else reject(e);
    });
    server.listen(port, hostname, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    serve: (fetch) => void (current = fetch),
    close: () => void server.close(),
  };
}
