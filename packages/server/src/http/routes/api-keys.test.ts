// Owners managing API keys: the key is shown once, listed without its secret, and revoked at once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { signInAs } from "../../../test/session.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createUser } from "../../domain/auth/users.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

const fresh = (): Promise<TestClient> => testClient(open.db);
const withKey = (c: TestClient, key: string, method = "GET", path = "/api/v1/surveys") =>
  c.app.request(path, { method, headers: { authorization: `Bearer ${key}` } });

describe("POST /api/v1/api-keys", () => {
  it("creates a key shown this once, which then works with its role", async () => {
    const c = await fresh();
    const res = await c.call("POST", "/api/v1/api-keys", { name: "CRM sync", role: "viewer" });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(["createdAt", "id", "key", "name", "prefix", "role"]);
    expect(res.body).toMatchObject({ name: "CRM sync", role: "viewer" });
    expect(res.body.key).toMatch(/^koe_[A-Za-z0-9_-]{32}$/);
    expect(res.body.prefix).toBe(res.body.key.slice(0, 8));
    expect((await withKey(c, res.body.key)).status).toBe(200);
    // A viewer key reads but cannot change anything.
    const write = await withKey(c, res.body.key, "POST", "/api/v1/touchpoints");
    expect(write.status).toBe(403);
  });

  it("refuses a missing name, an unknown role and an over-long name, naming the field", async () => {
    const c = await fresh();
    for (const [input, field] of [
      [{ role: "admin" }, "name"],
      [{ name: "x", role: "superuser" }, "role"],
      [{ name: "x".repeat(101), role: "admin" }, "name"],
      [{ name: "   ", role: "admin" }, "name"],
    ] as const) {
      const res = await c.call("POST", "/api/v1/api-keys", input);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(res.body.errors[0].path).toBe(field);
    }
  });
});

describe("GET /api/v1/api-keys", () => {
  it("lists the workspace's keys newest first, with prefix and last use, never the key or its hash", async () => {
    const c = await fresh();
    const made = (await c.call("POST", "/api/v1/api-keys", { name: "Zapier", role: "member" })).body;
    await withKey(c, made.key);
    const res = await c.call("GET", "/api/v1/api-keys");
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.data).toHaveLength(2); // the client's own key and the new one
    const [first] = res.body.data;
    expect(first).toEqual({
      id: made.id,
      name: "Zapier",
      role: "member",
      prefix: made.prefix,
      createdAt: made.createdAt,
      lastUsedAt: expect.any(String),
      revokedAt: null,
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(made.key);
    expect(text).not.toMatch(/hash/i);
  });

  it("pages with the cursor and shows no other workspace's keys", async () => {
    const c = await fresh();
    const other = await fresh();
    for (let i = 0; i < 4; i++) await c.call("POST", "/api/v1/api-keys", { name: `k${i}`, role: "viewer" });
    const first = await c.call("GET", "/api/v1/api-keys?limit=3");
    expect(first.body.data.map((k: { name: string }) => k.name)).toEqual(["k3", "k2", "k1"]);
    const second = await c.call("GET", `/api/v1/api-keys?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((k: { name: string }) => k.name)).toEqual(["k0", ""]);
    expect(second.body.nextCursor).toBeNull();
    expect((await other.call("GET", "/api/v1/api-keys")).body.data).toHaveLength(1);
  });
});

describe("DELETE /api/v1/api-keys/:id", () => {
  it("revokes a key: its next request gets 401, and the list shows when", async () => {
    const c = await fresh();
    const made = (await c.call("POST", "/api/v1/api-keys", { name: "Old script", role: "owner" })).body;
    expect((await withKey(c, made.key)).status).toBe(200);
    expect((await c.call("DELETE", `/api/v1/api-keys/${made.id}`)).status).toBe(204);
    const after = await withKey(c, made.key);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { detail: string }).detail).toMatch(/revoked/);
    const listed = (await c.call("GET", "/api/v1/api-keys")).body.data.find(
      (k: { id: string }) => k.id === made.id,
    );
    expect(Date.parse(listed.revokedAt)).toBeGreaterThan(Date.parse(made.createdAt) - 1000);
    // Revoking again changes nothing.
    expect((await c.call("DELETE", `/api/v1/api-keys/${made.id}`)).status).toBe(204);
    const again = (await c.call("GET", "/api/v1/api-keys")).body.data.find(
      (k: { id: string }) => k.id === made.id,
    );
    expect(again.revokedAt).toBe(listed.revokedAt);
  });

  it("refuses to revoke the key making the call, with 409 saying why", async () => {
    const c = await fresh();
    const own = (await c.call("GET", "/api/v1/api-keys")).body.data[0];
    const res = await c.call("DELETE", `/api/v1/api-keys/${own.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/the API key you are calling with/);
    expect((await c.call("GET", "/api/v1/surveys")).status).toBe(200);
  });

  it("lets a signed-in owner revoke any key from the admin app", async () => {
    const c = await fresh();
    const email = `owner-${randomUUID()}@example.jp`;
    await createUser(open.db, c.workspaceId, { email, password: "long enough", role: "owner" });
    const session = await signInAs(c, email, "long enough");
    const own = (await c.call("GET", "/api/v1/api-keys")).body.data[0];
    expect((await session.call("DELETE", `/api/v1/api-keys/${own.id}`)).status).toBe(204);
    expect((await c.call("GET", "/api/v1/surveys")).status).toBe(401);
  });

  it("answers 404 for another workspace's key, which keeps working", async () => {
    const c = await fresh();
    const other = await fresh();
    const theirs = (await other.call("GET", "/api/v1/api-keys")).body.data[0];
    expect((await c.call("DELETE", `/api/v1/api-keys/${theirs.id}`)).status).toBe(404);
    expect((await c.call("DELETE", "/api/v1/api-keys/not-an-id")).status).toBe(404);
    expect((await other.call("GET", "/api/v1/surveys")).status).toBe(200);
  });
});

describe("who may manage API keys", () => {
  it("gives 403 to admins, members and viewers on every key route", async () => {
    const c = await fresh();
    const target = (await c.call("GET", "/api/v1/api-keys")).body.data[0];
    for (const role of ["admin", "member", "viewer"] as const) {
      const other = await c.as(role);
      expect((await other.call("GET", "/api/v1/api-keys")).status).toBe(403);
      const made = await other.call("POST", "/api/v1/api-keys", { name: "mine", role: "owner" });
      expect(made.status).toBe(403);
      expect(made.body.detail).toMatch(/may not manage API keys/);
      expect((await other.call("DELETE", `/api/v1/api-keys/${target.id}`)).status).toBe(403);
    }
    expect((await c.call("GET", "/api/v1/surveys")).status).toBe(200);
  });
});
