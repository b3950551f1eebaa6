// Owners managing users and roles: who can sign in, the last owner rule, and sessions ending.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { signInAs } from "../../../test/session.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

const fresh = (): Promise<TestClient> => testClient(open.db);
const email = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.jp`;

async function addUser(c: TestClient, role: string, password = "correct horse") {
  const res = await c.call("POST", "/api/v1/users", {
    email: email(role),
    name: `The ${role}`,
    password,
    role,
  });
  expect(res.status).toBe(201);
  const { existingAccount: _, ...user } = res.body as {
    id: string;
    email: string;
    name: string;
    role: string;
    createdAt: string;
    existingAccount: boolean;
  };
  return user;
}

describe("POST /api/v1/users", () => {
  it("adds a user who can then sign in with that role", async () => {
    const c = await fresh();
    const address = email("Hanako");
    const res = await c.call("POST", "/api/v1/users", {
      email: address.toUpperCase(),
      name: "山田 花子",
      password: "correct horse",
      role: "member",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: address.toLowerCase(),
      name: "山田 花子",
      role: "member",
      createdAt: expect.any(String),
      existingAccount: false,
    });
    const session = await signInAs(c, address, "correct horse");
    expect((await session.call("GET", "/api/v1/session")).body).toMatchObject({
      user: { name: "山田 花子", role: "member" },
    });
  });

  it("answers 409 for an email already in the workspace", async () => {
    const c = await fresh();
    const user = await addUser(c, "admin");
    const again = { email: user.email, name: "Twin", password: "another one", role: "viewer" };
    const res = await c.call("POST", "/api/v1/users", again);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(user.email);
    // Another workspace's owner cannot attach that account (whoever made it chose its password): 409 too.
    const elsewhere = await (await fresh()).call("POST", "/api/v1/users", again);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.detail).toContain("instance owner");
  });

  it("refuses a short password, a bad email, an unknown role and unknown fields", async () => {
    const c = await fresh();
    const good = { email: email("x"), name: "X", password: "12345678", role: "viewer" };
    for (const [patch, field] of [
      [{ password: "1234567" }, "password"],
      [{ email: "not-an-email" }, "email"],
      [{ role: "root" }, "role"],
      [{ name: "" }, "name"],
      [{ name: "名".repeat(201) }, "name"],
      [{ admin: true }, ""],
    ] as const) {
      const res = await c.call("POST", "/api/v1/users", { ...good, ...patch });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe(field);
    }
    expect((await c.call("POST", "/api/v1/users", good)).status).toBe(201);
  });
});

describe("GET /api/v1/users", () => {
  it("lists the workspace's users newest first, without password hashes", async () => {
    const c = await fresh();
    const a = await addUser(c, "owner");
    const b = await addUser(c, "viewer");
    await addUser(await fresh(), "admin");
    const res = await c.call("GET", "/api/v1/users");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [b, a], nextCursor: null });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash|argon/i);
  });
});

describe("PATCH /api/v1/users/:id", () => {
  it("changes name and role; the new role applies to the user's next request", async () => {
    const c = await fresh();
    const user = await addUser(c, "member");
    const session = await signInAs(c, user.email, "correct horse");
    const contact = { email: `${randomUUID()}@example.com` };
    expect((await session.call("POST", "/api/v1/contacts", contact)).status).toBe(201);
    const res = await c.call("PATCH", `/api/v1/users/${user.id}`, { name: "Renamed", role: "viewer" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...user, name: "Renamed", role: "viewer" });
    const refused = await session.call("POST", "/api/v1/contacts", { email: `${randomUUID()}@example.com` });
    expect(refused.status).toBe(403);
  });

  it("sets a new password, which signs the user out; the old password stops working", async () => {
    const c = await fresh();
    const user = await addUser(c, "admin");
    const session = await signInAs(c, user.email, "correct horse");
    const res = await c.call("PATCH", `/api/v1/users/${user.id}`, { password: "battery staple" });
    expect(res.status).toBe(200);
    expect((await session.call("GET", "/api/v1/surveys")).status).toBe(401);
    await expect(signInAs(c, user.email, "correct horse")).rejects.toThrow(/401/);
    await signInAs(c, user.email, "battery staple");
  });

  it("keeps the session of a user changing their own password, and ends their others", async () => {
    const c = await fresh();
    const owner = await addUser(c, "owner");
    const here = await signInAs(c, owner.email, "correct horse");
    const elsewhere = await signInAs(c, owner.email, "correct horse");
    expect((await here.call("PATCH", `/api/v1/users/${owner.id}`, { password: "new password" })).status).toBe(
      200,
    );
    expect((await here.call("GET", "/api/v1/users")).status).toBe(200);
    expect((await elsewhere.call("GET", "/api/v1/users")).status).toBe(401);
  });

  it("answers 404 for another workspace's user and 422 for a short password", async () => {
    const c = await fresh();
    const theirs = await addUser(await fresh(), "owner");
    expect((await c.call("PATCH", `/api/v1/users/${theirs.id}`, { name: "Mine" })).status).toBe(404);
    expect((await c.call("DELETE", `/api/v1/users/${theirs.id}`)).status).toBe(404);
    const mine = await addUser(c, "viewer");
    expect((await c.call("PATCH", `/api/v1/users/${mine.id}`, { password: "short" })).status).toBe(422);
  });
});

describe("the last owner", () => {
  it("cannot be demoted or deleted; with a second owner, either can be", async () => {
    const c = await fresh();
    const first = await addUser(c, "owner");
    await addUser(c, "admin");
    const demote = await c.call("PATCH", `/api/v1/users/${first.id}`, { role: "admin" });
    expect(demote.status).toBe(409);
    expect(demote.body.detail).toMatch(/must keep at least one owner/);
    const remove = await c.call("DELETE", `/api/v1/users/${first.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body.detail).toMatch(/must keep at least one owner/);
    // Renaming the last owner, or "changing" their role to owner, is fine.
    expect((await c.call("PATCH", `/api/v1/users/${first.id}`, { name: "Boss", role: "owner" })).status).toBe(
      200,
    );

    const second = await addUser(c, "owner");
    expect((await c.call("PATCH", `/api/v1/users/${first.id}`, { role: "member" })).status).toBe(200);
    expect((await c.call("DELETE", `/api/v1/users/${second.id}`)).status).toBe(409);
  });

  it("survives two owners demoting each other at the same moment", async () => {
    const c = await fresh();
    const a = await addUser(c, "owner");
    const b = await addUser(c, "owner");
    const results = await Promise.all([
      c.call("PATCH", `/api/v1/users/${a.id}`, { role: "viewer" }),
      c.call("PATCH", `/api/v1/users/${b.id}`, { role: "viewer" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const users = (await c.call("GET", "/api/v1/users")).body.data as { role: string }[];
    expect(users.filter((u) => u.role === "owner")).toHaveLength(1);
  });
});

describe("DELETE /api/v1/users/:id", () => {
  it("deletes the user and ends their sessions at once", async () => {
    const c = await fresh();
    const user = await addUser(c, "admin");
    const session = await signInAs(c, user.email, "correct horse");
    expect((await session.call("GET", "/api/v1/surveys")).status).toBe(200);
    expect((await c.call("DELETE", `/api/v1/users/${user.id}`)).status).toBe(204);
    expect((await session.call("GET", "/api/v1/surveys")).status).toBe(401);
    expect((await c.call("GET", "/api/v1/users")).body.data).toEqual([]);
    expect((await c.call("DELETE", `/api/v1/users/${user.id}`)).status).toBe(404);
  });
});

describe("who may manage users", () => {
  it("gives 403 to admins, members and viewers, signed in or by key", async () => {
    const c = await fresh();
    const target = await addUser(c, "viewer");
    const admin = await addUser(c, "admin");
    const signedIn = await signInAs(c, admin.email, "correct horse");
    const callers = [
      signedIn,
      ...(await Promise.all((["admin", "member", "viewer"] as const).map((r) => c.as(r)))),
    ];
    for (const who of callers) {
      expect((await who.call("GET", "/api/v1/users")).status).toBe(403);
      const input = { email: email("new"), name: "New", password: "12345678", role: "owner" };
      expect((await who.call("POST", "/api/v1/users", input)).status).toBe(403);
      expect((await who.call("PATCH", `/api/v1/users/${admin.id}`, { role: "owner" })).status).toBe(403);
      expect((await who.call("DELETE", `/api/v1/users/${target.id}`)).status).toBe(403);
    }
  });
});
