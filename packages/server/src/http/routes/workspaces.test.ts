// Workspaces as an instance owner manages them (create, rename, delete, remove the demo) and as a member
// uses them (several memberships, a role in each, switching the session); what only an instance owner may.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, type TestClient } from "../../../test/app.ts";
import { onPostgres, openTestDatabase } from "../../../test/database.ts";
import { openPrivateDatabase } from "../../../test/private-database.ts";
import { signInAs, type SessionClient } from "../../../test/session.ts";
import { bootstrap } from "../../bootstrap.ts";
import { dateOf, ManualClock } from "../../clock.ts";
import { loadConfig } from "../../config.ts";
import type { Db, OpenDatabase } from "../../db/open.ts";
import { seedDemoWorkspaces } from "../../demo/demo-workspaces.ts";
import type { SeedDemoResult } from "../../demo/seed-demo.ts";
import { createInstanceOwner } from "../../domain/auth/users.ts";
import { importResponses } from "../../domain/responses/import-responses.ts";
import { createSurvey } from "../../domain/surveys/surveys.ts";
import {
  createWorkspace,
  deleteWorkspace,
  ensureDefaultWorkspace,
} from "../../domain/workspaces/workspaces.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

const password = "correct horse";
const newEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.jp`;

interface SessionView {
  user: { id: string; role: string; instanceOwner: boolean };
  workspace: { id: string; name: string; isDemo: boolean };
  workspaces: { id: string; name: string; role: string; isDemo: boolean }[];
}

async function instanceOwner(c: TestClient): Promise<SessionClient> {
  const email = newEmail("root");
  await createInstanceOwner(c.db, { email, password });
  return signInAs(c, email, password);
}

/** How many rows of every table with a workspace_id column belong to the workspace. */
async function rowsOf(db: Db, workspaceId: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where column_name = 'workspace_id' and table_schema = current_schema()`.execute(db);
  const out: Record<string, number> = {};
  for (const { table_name } of rows) {
    const { rows: n } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table_name)} where workspace_id = ${workspaceId}`.execute(
      db,
    );
    out[table_name] = n[0]!.n;
  }
  return out;
}

describe("only an instance owner, signed in, manages workspaces", () => {
  it("refuses a workspace owner's session and any API key with 403, and lists what each sees", async () => {
    const c = await testClient(open.db);
    const email = newEmail("owner");
    expect((await c.call("POST", "/api/v1/users", { email, password, role: "owner" })).status).toBe(201);
    const owner = await signInAs(c, email, password);
    const root = await instanceOwner(c);
    const other = (await root.call("POST", "/api/v1/workspaces", { name: "Other" })).body as { id: string };
    for (const who of [owner.call, c.call]) {
      expect((await who("POST", "/api/v1/workspaces", { name: "Mine" })).status).toBe(403);
      expect((await who("PATCH", `/api/v1/workspaces/${c.workspaceId}`, { name: "Mine" })).status).toBe(403);
      expect((await who("DELETE", `/api/v1/workspaces/${other.id}`)).status).toBe(403);
      expect((await who("DELETE", "/api/v1/demo-workspaces")).status).toBe(403);
      // What they see: their own workspace only; another is not found.
      const listed = (await who("GET", "/api/v1/workspaces")).body as {
        data: { id: string; role: string }[];
      };
      expect(listed.data.map((w) => [w.id, w.role])).toEqual([[c.workspaceId, "owner"]]);
      expect((await who("GET", `/api/v1/workspaces/${other.id}`)).status).toBe(404);
    }
    expect((await c.call("POST", "/api/v1/session/workspace", { workspaceId: c.workspaceId })).status).toBe(
      403,
    );
    // The instance owner sees every workspace, with no role where they are no member.
    const all = (await root.call("GET", "/api/v1/workspaces?limit=1000")).body as {
      data: { id: string; role: string | null }[];
    };
    expect(all.data.find((w) => w.id === c.workspaceId)).toMatchObject({ role: null });
    expect(all.data.find((w) => w.id === other.id)).toMatchObject({ role: "owner" });
  });
});

describe("a user in several workspaces", () => {
  it("has a role in each, lists them, switches the session between them, and starts where they left", async () => {
    const a = await testClient(open.db);
    const b = await testClient(open.db);
    const email = newEmail("both");
    const added = await a.call("POST", "/api/v1/users", { email, name: "両方", password, role: "admin" });
    expect(added.body).toMatchObject({ existingAccount: false, role: "admin" });
    // B's owner cannot attach an account someone else made (and chose the password of): 409.
    const refused = await b.call("POST", "/api/v1/users", {
      email,
      password: "not their password",
      role: "viewer",
    });
    expect(refused.status).toBe(409);
    expect((await signInAs(a, email, password)).cookie).not.toBe("");
    // An instance owner, signed in to B, adds them: their account joins with B's role and keeps its password.
    const root = await instanceOwner(b);
    await root.call("POST", "/api/v1/session/workspace", { workspaceId: b.workspaceId });
    const joined = (await root.call("POST", "/api/v1/users", {
      email,
      password: "not their password",
      role: "viewer",
    })) as { status: number; body: { id: string } };
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({
      id: added.body.id,
      existingAccount: true,
      role: "viewer",
      name: "両方",
    });
    await expect(signInAs(a, email, "not their password")).rejects.toThrow(/401/);
    // An email that has no account needs a password.
    const noPassword = await b.call("POST", "/api/v1/users", { email: newEmail("new"), role: "viewer" });
    expect(noPassword.status).toBe(422);

    const s = await signInAs(a, email, password);
    const view = (await s.call("GET", "/api/v1/session")).body as SessionView;
    expect(view.workspaces.map((w) => [w.id, w.role]).sort()).toEqual(
      [
        [a.workspaceId, "admin"],
        [b.workspaceId, "viewer"],
      ].sort(),
    );
    const started = view.workspace.id;
    const other = started === a.workspaceId ? b.workspaceId : a.workspaceId;
    const moved = await s.call("POST", "/api/v1/session/workspace", { workspaceId: other });
    expect(moved).toMatchObject({ status: 200, body: { id: other } });
    expect(((await s.call("GET", "/api/v1/workspace")).body as { id: string }).id).toBe(other);
    // The role is the workspace's: a viewer in B may not add a contact there; an admin in A may.
    const contact = { email: newEmail("contact") };
    await s.call("POST", "/api/v1/session/workspace", { workspaceId: b.workspaceId });
    expect((await s.call("POST", "/api/v1/contacts", contact)).status).toBe(403);
    await s.call("POST", "/api/v1/session/workspace", { workspaceId: a.workspaceId });
    expect((await s.call("POST", "/api/v1/contacts", contact)).status).toBe(201);
    // Not a member: not found, and the session stays where it was.
    const stranger = await testClient(open.db);
    expect(
      (await s.call("POST", "/api/v1/session/workspace", { workspaceId: stranger.workspaceId })).status,
    ).toBe(404);
    expect(((await s.call("GET", "/api/v1/workspace")).body as { id: string }).id).toBe(a.workspaceId);
    // The next sign-in starts in the workspace switched to last.
    await s.call("POST", "/api/v1/session/workspace", { workspaceId: b.workspaceId });
    const again = await signInAs(a, email, password);
    expect(((await again.call("GET", "/api/v1/session")).body as SessionView).workspace.id).toBe(
      b.workspaceId,
    );

    // Removed from B: the session in B ends; the account stays, in A.
    expect((await b.call("DELETE", `/api/v1/users/${added.body.id}`)).status).toBe(204);
    expect((await again.call("GET", "/api/v1/session")).status).toBe(401);
    const back = await signInAs(a, email, password);
    expect(((await back.call("GET", "/api/v1/session")).body as SessionView).workspace.id).toBe(
      a.workspaceId,
    );
  });

  it("lets only the person (or an instance owner) change the password of an account in several workspaces", async () => {
    const a = await testClient(open.db);
    const b = await testClient(open.db);
    const email = newEmail("shared");
    const user = (await a.call("POST", "/api/v1/users", { email, password, role: "member" })).body as {
      id: string;
    };
    // An instance owner puts the account in B too.
    const root = await instanceOwner(b);
    await root.call("POST", "/api/v1/session/workspace", { workspaceId: b.workspaceId });
    expect((await root.call("POST", "/api/v1/users", { email, role: "member" })).status).toBe(201);
    const refused = await b.call("PATCH", `/api/v1/users/${user.id}`, { password: "taken over!" });
    expect(refused.status).toBe(403);
    // Their role in B is B's to change.
    expect((await b.call("PATCH", `/api/v1/users/${user.id}`, { role: "viewer" })).body).toMatchObject({
      role: "viewer",
    });
    await signInAs(a, email, password);
  });
});

describe("creating, renaming and deleting a workspace", () => {
  it("creates one its creator owns, renames it, and deletes it with every row it had", async () => {
    const c = await testClient(open.db);
    const root = await instanceOwner(c);
    const created = await root.call("POST", "/api/v1/workspaces", {
      name: "  新しい会社 ",
      defaultLocale: "ja",
    });
    expect(created).toMatchObject({
      status: 201,
      body: { name: "新しい会社", defaultLocale: "ja", timeZone: "Asia/Tokyo", role: "owner", isDemo: false },
    });
    const id = (created.body as { id: string }).id;
    expect((await root.call("POST", "/api/v1/workspaces", { name: "" })).status).toBe(422);
    expect((await root.call("PATCH", `/api/v1/workspaces/${id}`, { name: "改名" })).body).toMatchObject({
      name: "改名",
    });

    // Fill it through a key of its own, and give it a member who belongs nowhere else.
    await root.call("POST", "/api/v1/session/workspace", { workspaceId: id });
    const key = (
      (await root.call("POST", "/api/v1/api-keys", { name: "k", role: "owner" })).body as { key: string }
    ).key;
    const own = await testClient(open.db, { workspaceId: id });
    const survey = (
      await own.call("POST", "/api/v1/surveys", {
        name: "S",
        kind: "nps",
        status: "active",
        question: { en: "?" },
      })
    ).body as { id: string };
    await own.call("POST", "/api/v1/responses", [{ surveyId: survey.id, score: 10, comment: "good" }]);
    const contact = (await own.call("POST", "/api/v1/contacts", { email: newEmail("c") })).body as {
      id: string;
    };
    await own.call("POST", `/api/v1/contacts/${contact.id}/notes`, { body: "note" });
    const loner = newEmail("loner");
    await own.call("POST", "/api/v1/users", { email: loner, password, role: "viewer" });
    const detail = (await root.call("GET", `/api/v1/workspaces/${id}`)).body as {
      contents: Record<string, number>;
    };
    expect(detail.contents).toEqual({
      surveys: 1,
      responses: 1,
      contacts: 1,
      campaigns: 0,
      members: 2,
      apiKeys: 2,
    });
    expect(Object.values(await rowsOf(open.db, id)).some((n) => n > 0)).toBe(true);

    expect((await root.call("DELETE", `/api/v1/workspaces/${id}`)).status).toBe(204);
    expect(Object.entries(await rowsOf(open.db, id)).filter(([, n]) => n > 0)).toEqual([]);
    expect(await open.db.selectFrom("workspaces").select("id").where("id", "=", id).execute()).toEqual([]);
    // The account that was only there is gone; the instance owner's session moved to another workspace.
    expect(await open.db.selectFrom("users").select("id").where("email", "=", loner).execute()).toEqual([]);
    const view = await root.call("GET", "/api/v1/session");
    expect(view.status).toBe(200);
    expect((view.body as SessionView).workspace.id).not.toBe(id);
    expect((await own.call("GET", "/api/v1/workspace")).status).toBe(401);
    expect(key).toBeTruthy();
    expect((await root.call("DELETE", `/api/v1/workspaces/${id}`)).status).toBe(404);
  });

  it("refuses to delete the default workspace", async () => {
    const c = await testClient(open.db);
    const root = await instanceOwner(c);
    const res = await root.call("DELETE", `/api/v1/workspaces/${await ensureDefaultWorkspace(open.db)}`);
    expect(res.status).toBe(409);
  });
});

/** A stand-in for the demo's content: one survey with one response. */
async function oneResponse(
  db: Db,
  opts: { workspaceId: string; locale: "ja" | "en"; now: Date },
): Promise<SeedDemoResult> {
  const survey = await createSurvey(db, opts.workspaceId, {
    name: "NPS",
    kind: "nps",
    question: { [opts.locale]: "?" },
    followUps: {},
    defaultLocale: opts.locale,
    status: "active",
  });
  await importResponses(db, opts.workspaceId, [{ surveyId: survey.id, score: 9 }], opts.now);
  return { responses: 1, touchpoints: 0, surveys: 1, contacts: 0 };
}

/** A database of the test's own: the rules below count every workspace. */
async function ownDatabase(name: string): Promise<OpenDatabase> {
  return onPostgres() ? openPrivateDatabase(name) : openTestDatabase();
}

describe("on a database of its own", () => {
  it("refuses to delete the last workspace", async () => {
    const db = await ownDatabase("ws_last");
    try {
      const only = await createWorkspace(db.db, { name: "Only" });
      await expect(deleteWorkspace(db.db, only)).rejects.toThrow(/last workspace/);
      expect(await db.db.selectFrom("workspaces").select("id").execute()).toEqual([{ id: only }]);
    } finally {
      await db.close();
    }
  });

  it("opens a new installation on the demo, and removes the demo for good", async () => {
    const db = await ownDatabase("ws_demo");
    try {
      const email = "admin@example.jp";
      const config = loadConfig({
        KOE_ADMIN_EMAIL: email,
        KOE_ADMIN_PASSWORD: password,
        KOE_BOOTSTRAP_API_KEY: "boot",
        KOE_DATA_DIR: "/nonexistent/koe-test",
      });
      const clock = new ManualClock("2026-11-20T03:00:00Z");
      // As `koe serve --demo` on a new database, with one survey and response per demo instead of 18
      // months (the demo's content is seed-demo.test.ts's).
      const { workspaceId } = await bootstrap(db.db, config, { demo: false, clock });
      await seedDemoWorkspaces(db.db, { now: dateOf(clock), bootstrapApiKey: "boot", seed: oneResponse });
      const workspaces = await db.db
        .selectFrom("workspaces")
        .select(["id", "name", "is_demo", "is_default"])
        .orderBy("id")
        .execute();
      expect(workspaces.map((w) => [w.name, w.is_demo, w.is_default])).toEqual([
        ["Koe", false, true],
        ["デモ: ハルカゼ ワークス", true, false],
        ["Demo: Northwind Cloud", true, false],
      ]);
      const c = await testClient(db.db);
      const s = await signInAs(c, email, password);
      const view = (await s.call("GET", "/api/v1/session")).body as SessionView;
      expect(view.user.instanceOwner).toBe(true);
      expect(view.workspace).toMatchObject({ name: "デモ: ハルカゼ ワークス", isDemo: true });
      expect(view.workspaces.map((w) => [w.name, w.role, w.isDemo])).toEqual([
        ["デモ: ハルカゼ ワークス", "owner", true],
        ["Demo: Northwind Cloud", "owner", true],
        ["Koe", "owner", false],
      ]);
      // The bootstrap key reads the company's own, empty workspace; the demo keys read the demos.
      const nps = async (key: string) => {
        const res = await c.app.request("/api/v1/reports/nps", {
          headers: { authorization: `Bearer ${key}` },
        });
        return res.status === 200 ? ((await res.json()) as { n: number }).n : res.status;
      };
      expect([await nps("boot"), await nps("boot-demo-ja"), await nps("boot-demo-en")]).toEqual([0, 1, 1]);

      const removed = await s.call("DELETE", "/api/v1/demo-workspaces");
      expect(removed).toMatchObject({
        status: 200,
        body: { removed: ["デモ: ハルカゼ ワークス", "Demo: Northwind Cloud"] },
      });
      const after = (await s.call("GET", "/api/v1/session")).body as SessionView;
      expect(after.workspace.id).toBe(workspaceId);
      expect(after.workspaces.map((w) => w.name)).toEqual(["Koe"]);
      expect([await nps("boot"), await nps("boot-demo-ja")]).toEqual([0, 401]);
      for (const w of workspaces.filter((w) => w.is_demo))
        expect(Object.entries(await rowsOf(db.db, w.id)).filter(([, n]) => n > 0)).toEqual([]);
      // A restart with --demo does not bring it back (the database has no survey, as on a new one).
      await bootstrap(db.db, config, { demo: true, clock });
      expect(
        await db.db.selectFrom("workspaces").select("name").where("is_demo", "=", true).execute(),
      ).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
