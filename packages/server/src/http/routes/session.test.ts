import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import { createUser } from "../../domain/auth/users.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";

let open: OpenDatabase;
let api: TestClient;

beforeAll(async () => {
  open = await openTestDatabase();
  api = await testClient(open.db);
  await createUser(open.db, api.workspaceId, {
    email: "Hanako@Example.jp",
    password: "correct horse",
    role: "admin",
  });
});
afterAll(() => open.close());

async function signIn(email: string, password: string) {
  const res = await api.app.request("/api/v1/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = /koe_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  return {
    res,
    cookie,
    body: (await res.json()) as { csrfToken: string; user: { email: string; role: string } },
  };
}

const withCookie = (cookie: string, init: RequestInit = {}) => ({
  ...init,
  headers: { cookie: `koe_session=${cookie}`, "content-type": "application/json", ...(init.headers ?? {}) },
});

describe("/api/v1/session", () => {
  it("signs in with email and password into an HttpOnly, SameSite=Strict cookie", async () => {
    const { res, cookie, body } = await signIn("hanako@example.jp", "correct horse");
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Strict/);
    expect(cookie).toBeTruthy();
    expect(body.user).toMatchObject({ email: "hanako@example.jp", role: "admin" });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a wrong password with 401 and no cookie", async () => {
    const { res, cookie } = await signIn("hanako@example.jp", "wrong");
    expect(res.status).toBe(401);
    expect(cookie).toBeUndefined();
  });

  it("lets the cookie read the API, and change it only with the CSRF token", async () => {
    const { cookie, body } = await signIn("hanako@example.jp", "correct horse");
    const read = await api.app.request("/api/v1/surveys", withCookie(cookie!));
    expect(read.status).toBe(200);
    const touchpoint = { name: "Chat support", kind: "support", channel: "chat" };
    const forged = await api.app.request(
      "/api/v1/touchpoints",
      withCookie(cookie!, { method: "POST", body: JSON.stringify(touchpoint) }),
    );
    expect(forged.status).toBe(403);
    const made = await api.app.request(
      "/api/v1/touchpoints",
      withCookie(cookie!, {
        method: "POST",
        body: JSON.stringify(touchpoint),
        headers: { "x-csrf-token": body.csrfToken },
      }),
    );
    expect(made.status).toBe(201);
  });

  it("signs out: the cookie no longer works", async () => {
    const { cookie, body } = await signIn("hanako@example.jp", "correct horse");
    const out = await api.app.request(
      "/api/v1/session",
      withCookie(cookie!, { method: "DELETE", headers: { "x-csrf-token": body.csrfToken } }),
    );
    expect(out.status).toBe(204);
    expect((await api.app.request("/api/v1/surveys", withCookie(cookie!))).status).toBe(401);
    expect((await api.app.request("/api/v1/session", withCookie(cookie!))).status).toBe(401);
  });
});

describe("/api/v1/session/setup", () => {
  it("refuses a first owner once any user exists, and says so", async () => {
    const state = await api.app.request("/api/v1/session/setup");
    expect(await state.json()).toEqual({ needed: false });
    const res = await api.app.request("/api/v1/session/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "intruder@example.com", password: "long enough" }),
    });
    expect(res.status).toBe(409);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await signIn("intruder@example.com", "long enough")).res.status).toBe(401);
  });

  it("refuses an oversized body with 413 before reading it, at sign-in and at setup alike", async () => {
    const big = JSON.stringify({ email: "a@example.com", password: "x".repeat(3 * 1024 * 1024) });
    for (const path of ["/api/v1/session", "/api/v1/session/setup"]) {
      const res = await api.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(big.length) },
        body: big,
      });
      expect(res.status, path).toBe(413);
    }
  });

  it("checks the first owner's fields", async () => {
    const res = await api.app.request("/api/v1/session/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "not an email", password: "short" }),
    });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(["email", "password"]);
  });
});

describe("signing in, as the contract declares it", () => {
  it("limits sign-in attempts per client address to 10 a minute (429), and sets up behind the same limit", async () => {
    // The app's own clock, so no window ends mid-test; moved on, the limit lifts.
    const clock = new ManualClock();
    const own = await testClient(open.db, { deps: { clock } });
    const post = (path: string, body: unknown) =>
      own.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (let i = 0; i < 10; i++)
      expect((await post("/api/v1/session", { email: "nobody@example.jp", password: "guess" })).status).toBe(
        401,
      );
    const limited = await post("/api/v1/session", { email: "nobody@example.jp", password: "guess" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const setup = await post("/api/v1/session/setup", { email: "a@example.jp", password: "long enough" });
    expect(setup.status).toBe(429);
    // Reading the session takes no rate limit, only the cookie.
    expect((await own.app.request("/api/v1/session")).status).toBe(401);
    await clock.advance(60_000);
    expect((await post("/api/v1/session", { email: "nobody@example.jp", password: "guess" })).status).toBe(
      401,
    );
  });

  it("documents the session as read with the session cookie alone, and sign-in as open to all", async () => {
    const doc = (await api.call("GET", "/api/v1/openapi.json")).body;
    const session = doc.paths["/api/v1/session"];
    expect(session.get.security).toEqual([{ session: [] }]);
    expect(Object.keys(session.get.responses)).toEqual(["200", "401"]);
    expect(session.post.security).toEqual([]);
    expect(Object.keys(session.post.responses)).toEqual(expect.arrayContaining(["200", "401", "422", "429"]));
  });
});
