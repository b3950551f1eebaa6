// An empty PATCH ({}) is a 200 that changes nothing and answers the resource as it is, on every PATCH route
// the OpenAPI document lists (a new PATCH route without a case here fails the test, so none is missed).
import { afterAll, beforeAll, expect, it } from "vitest";
import { newNpsSurvey, openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { signInAs } from "../../../test/session.ts";
import { createInstanceOwner } from "../../domain/auth/users.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  surveyId = await newNpsSurvey(c.db, c.workspaceId);
});
afterAll(() => open.close());

async function created(path: string, body: object): Promise<string> {
  const res = await c.call("POST", path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/**
 * For each PATCH path of the document: the URL of one existing resource, how to read it back, and who asks
 * (this workspace's owner key unless an operation wants an instance owner, signed in).
 */
const targets: Record<string, () => Promise<Target>> = {
  "/api/v1/workspaces/{id}": async () => {
    await createInstanceOwner(c.db, { email: "root@empty-patch.example", password: "correct horse battery" });
    const root = await signInAs(c, "root@empty-patch.example", "correct horse battery");
    return { ...one(`/api/v1/workspaces/${c.workspaceId}`), as: root };
  },
  "/api/v1/workspace": async () => ({ url: "/api/v1/workspace", read: "/api/v1/workspace" }),
  "/api/v1/surveys/{id}": async () => one(`/api/v1/surveys/${surveyId}`),
  "/api/v1/touchpoints/{id}": async () =>
    one(
      `/api/v1/touchpoints/${await created("/api/v1/touchpoints", { name: "Desk", kind: "support", channel: "phone" })}`,
    ),
  "/api/v1/contacts/{id}": async () =>
    one(`/api/v1/contacts/${await created("/api/v1/contacts", { email: "empty-patch@example.com" })}`),
  "/api/v1/companies/{id}": async () =>
    one(`/api/v1/companies/${await created("/api/v1/companies", { name: "Acme" })}`),
  "/api/v1/campaigns/{id}": async () =>
    one(
      `/api/v1/campaigns/${await created("/api/v1/campaigns", { name: "Q3", surveyId, audience: { kind: "all" } })}`,
    ),
  "/api/v1/triggers/{id}": async () =>
    one(
      `/api/v1/triggers/${await created("/api/v1/triggers", { name: "Chat", eventType: "chat.closed", surveyId })}`,
    ),
  "/api/v1/users/{id}": async () => {
    const id = await created("/api/v1/users", {
      email: "empty-patch@example.com",
      name: "Hanako",
      password: "correct horse battery",
      role: "member",
    });
    // Users are read in the list only.
    return { url: `/api/v1/users/${id}`, read: `/api/v1/users?limit=1000#${id}` };
  },
};
const one = (url: string) => ({ url, read: url });

interface Caller {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}
type Target = { url: string; read: string; as?: Caller };

async function read(target: Target): Promise<unknown> {
  const [path, id] = target.read.split("#");
  const res = (await (target.as ?? c).call("GET", path as string)) as { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience
  expect(res.status).toBe(200);
  return id ? (res.body.data as { id: string }[]).find((u) => u.id === id) : res.body;
}

it("every PATCH with {} answers 200 with the resource unchanged", async () => {
  const doc = (await c.call("GET", "/api/v1/openapi.json")).body as { paths: Record<string, object> };
  const patchPaths = Object.entries(doc.paths)
    .filter(([, ops]) => "patch" in ops)
    .map(([path]) => path);
  expect(patchPaths.length).toBeGreaterThan(0);
  for (const path of patchPaths) {
    const make = targets[path];
    expect(make, `no case for PATCH ${path}: add one to this test`).toBeDefined();
    const target = await (make as () => Promise<Target>)();
    const before = await read(target);
    const res = await (target.as ?? c).call("PATCH", target.url, {});
    // Soft: one run names every route that fails.
    expect.soft(res.status, `PATCH ${path} {}: ${JSON.stringify(res.body)}`).toBe(200);
    // What PATCH answers is the resource as GET shows it (GET may add more, e.g. a campaign's progress).
    expect.soft(before, `PATCH ${path}`).toMatchObject(res.body as object);
    expect.soft(await read(target), `PATCH ${path} changed it`).toEqual(before);
  }
});

it("an empty PATCH of something that does not exist is still a 404", async () => {
  for (const noun of ["users", "surveys", "campaigns", "triggers"]) {
    const res = await c.call("PATCH", `/api/v1/${noun}/${crypto.randomUUID()}`, {});
    expect(res.status, noun).toBe(404);
  }
});
