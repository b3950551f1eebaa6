// An in-process app on the test database, with an API key of a fresh workspace: no ports.
import { systemClock } from "../src/clock.ts";
import { createApiKey } from "../src/domain/auth/api-keys.ts";
import type { Role } from "../src/db/schema.ts";
import type { Db } from "../src/db/open.ts";
import { createApp, type App } from "../src/http/app.ts";
import type { AppDeps } from "../src/http/env.ts";
import { newWorkspace } from "./database.ts";

export const TEST_SECRET = "test-secret-".padEnd(40, "x");

export interface TestClient {
  app: App;
  db: Db;
  workspaceId: string;
  key: string;
  /** JSON request with this client's key; returns status and parsed body. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience
  /** Another API key of the same workspace with the given role. */
  as(role: Role): Promise<TestClient>;
}

export async function testClient(
  db: Db,
  opts: {
    role?: Role;
    workspaceId?: string;
    /** More of the app's dependencies, e.g. a ManualClock (`clock`). */
    deps?: Partial<AppDeps>;
  } = {},
): Promise<TestClient> {
  const workspaceId = opts.workspaceId ?? (await newWorkspace(db));
  const { key } = await createApiKey(db, workspaceId, { role: opts.role ?? "owner" });
  const app = createApp({
    db,
    version: "test",
    secret: TEST_SECRET,
    baseUrl: "http://koe.test",
    clock: systemClock,
    ...opts.deps,
  });
  const client: TestClient = {
    app,
    db,
    workspaceId,
    key,
    async call(method, path, body, headers = {}) {
      const res = await app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    as: (role) => testClient(db, { role, workspaceId, deps: opts.deps }),
  };
  return client;
}
