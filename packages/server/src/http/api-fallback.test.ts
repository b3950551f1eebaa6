// Unknown API paths answer as the API does (problem+json, its own key check), never as the public pages:
// not their HTML, and not their rate limit, even right after a page burst from the same address.
import { ManualClock } from "../clock.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database.ts";
import { TEST_SECRET, testClient, type TestClient } from "../../test/app.ts";
import type { OpenDatabase } from "../db/open.ts";
import { createApp, type App } from "./app.ts";

let open: OpenDatabase;
let c: TestClient;
let app: App;
const LIMIT = 3;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  // One fixed instant: the burst and the calls after it fall in one rate-limit window.
  app = createApp({
    db: open.db,
    version: "test",
    secret: TEST_SECRET,
    baseUrl: "http://koe.test",
    publicRequestsPerMinute: LIMIT,
    clock: new ManualClock("2026-06-01T12:00:30Z"),
  });
});
afterAll(() => open.close());

async function call(method: string, path: string, key: string | null = c.key) {
  const res = await app.request(path, { method, headers: key ? { authorization: `Bearer ${key}` } : {} });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    allow: res.headers.get("allow"),
    text,
  };
}

describe("after the public pages' limit is spent from one address", () => {
  beforeAll(async () => {
    for (let i = 0; i < LIMIT; i++) await call("GET", "/r/not-a-token", null);
    const limited = await call("GET", "/r/not-a-token", null);
    expect(limited.status).toBe(429); // the pages are limited now
    expect(limited.type).toContain("text/html");
  });

  it("an unknown API path with a valid key is a 404 problem+json", async () => {
    for (const path of ["/api/v1/no-such", "/api/v1/surveys/x/y", "/api/v2/surveys", "/api/"]) {
      const res = await call("GET", path);
      expect(res.status, `${path}: ${res.text}`).toBe(404);
      expect(res.type).toContain("application/problem+json");
      expect(JSON.parse(res.text)).toMatchObject({ status: 404, detail: expect.stringContaining(path) });
    }
  });

  it("a trailing slash names no route: 404 problem+json that gives the path without it", async () => {
    for (const [method, path, bare] of [
      ["GET", "/api/v1/surveys/", "/api/v1/surveys"],
      ["POST", "/api/v1/responses/", "/api/v1/responses"],
      ["GET", "/api/v1/reports/nps/", "/api/v1/reports/nps"],
    ] as const) {
      const res = await call(method, path);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(404);
      expect(res.type).toContain("application/problem+json");
      expect(JSON.parse(res.text).detail).toContain(`e.g. ${bare}`);
    }
  });

  it("a path that exists for other methods is a 405 with Allow", async () => {
    const put = await call("PUT", "/api/v1/surveys");
    expect(put.status).toBe(405);
    expect(put.type).toContain("application/problem+json");
    expect(put.allow).toBe("GET, POST, HEAD");
    const post = await call("POST", `/api/v1/surveys/${crypto.randomUUID()}`);
    expect(post.status).toBe(405);
    expect(post.allow).toBe("GET, PATCH, DELETE, HEAD");
  });

  it("the API's own rules still apply: no key is a 401, and real routes answer", async () => {
    const anonymous = await call("GET", "/api/v1/no-such", null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain("application/problem+json");
    expect((await call("GET", "/api/v1/surveys")).status).toBe(200);
  });

  it("other unknown paths are a plain 404 too, not counted as page requests", async () => {
    const res = await call("GET", "/favicon.ico", null);
    expect(res.status).toBe(404);
    expect(res.type).toContain("application/problem+json");
  });
});
