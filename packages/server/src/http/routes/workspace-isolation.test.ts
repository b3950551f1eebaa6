// A second workspace, made through the API (an instance owner, signed in) and through the CLI (`koe
// workspace create`, `koe apikey create --workspace`), is isolated from the first in every API operation,
// both ways: the walk takes the operations from /api/v1/openapi.json, so a new endpoint is walked too.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { runKoe } from "../../../test/koe-process.ts";
import { signInAs } from "../../../test/session.ts";
import { openDatabase, type OpenDatabase } from "../../db/open.ts";
import { workspaceCommand } from "../../cli/workspaces.ts";
import { createInstanceOwner } from "../../domain/auth/users.ts";
import { installJobSchema } from "../../jobs/boss.ts";

type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;
interface Answer {
  status: number;
  text: string;
}

/** One workspace's records, one of each kind an API path names by id, all marked so a leak shows. */
interface Fixture {
  marker: string;
  ids: Record<string, string>;
  /** Path parameters by name: what a path's {id} stands for comes from the segment before it. */
  email: string;
}

const browser = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36",
};

function keyCall(app: TestClient["app"], key: string): Call {
  return async (method, path, body, headers = {}) => {
    const res = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined && typeof body !== "string" ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, text: await res.text() };
  };
}

const json = <T>(a: Answer): T => JSON.parse(a.text) as T;

async function ok<T>(a: Promise<Answer>, status = [200, 201, 202]): Promise<T> {
  const got = await a;
  expect(status, got.text).toContain(got.status);
  return json<T>(got);
}

/** Fills a workspace through its owner key: one record of every kind, each carrying the marker. */
async function populate(app: TestClient["app"], call: Call): Promise<Fixture> {
  const marker = `mk${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const email = `${marker}@example.com`;
  const id = async (a: Promise<Answer>) => (await ok<{ id: string }>(a)).id;
  const touchpoint = await id(
    call("POST", "/api/v1/touchpoints", { name: `${marker} phone`, kind: "support", channel: "phone" }),
  );
  const survey = await id(
    call("POST", "/api/v1/surveys", {
      name: marker,
      kind: "nps",
      status: "active",
      question: { en: `Recommend ${marker}?` },
    }),
  );
  const company = await id(call("POST", "/api/v1/companies", { name: marker }));
  const contact = await id(call("POST", "/api/v1/contacts", { email, name: marker, companyId: company }));
  await ok(
    call("POST", "/api/v1/responses", [
      { surveyId: survey, touchpointId: touchpoint, contactId: contact, score: 9, comment: marker },
    ]),
  );
  const response = (await ok<{ data: { id: string }[] }>(call("GET", "/api/v1/responses"))).data[0]!.id;
  const send = await ok<{ id: string; scoreUrls: string[] }>(
    call("POST", "/api/v1/sends", { surveyId: survey, contactId: contact }),
  );
  await app.request(send.scoreUrls[3]!.replace("http://koe.test", ""), { headers: browser });
  const intent = (await ok<{ intents: { id: string }[] }>(call("GET", `/api/v1/sends/${send.id}`)))
    .intents[0]!.id;
  const campaign = await id(
    call("POST", "/api/v1/campaigns", { name: marker, surveyId: survey, audience: { kind: "all" } }),
  );
  await ok(call("POST", `/api/v1/campaigns/${campaign}/test-send`, { email: `${marker}-test@example.com` }));
  const outbox = (
    await ok<{ data: { id: string }[] }>(call("GET", `/api/v1/outbox?to=${marker}-test@example.com`))
  ).data[0]!.id;
  // The same test send in the sent-mail log, by its id on the delivery ledger.
  const log = (
    await ok<{ data: { id: string }[] }>(call("GET", `/api/v1/sent-mail?q=${marker}-test@example.com`))
  ).data[0]!.id;
  const trigger = await id(
    call("POST", "/api/v1/triggers", { name: marker, eventType: "chat.closed", surveyId: survey }),
  );
  await ok(
    call("POST", "/api/v1/events", { id: marker, type: "chat.closed", contact: { email, name: marker } }),
  );
  const user = await id(
    call("POST", "/api/v1/users", {
      email: `${marker}-user@example.com`,
      name: marker,
      password: "correct horse",
      role: "viewer",
    }),
  );
  await ok(call("POST", "/api/v1/suppressions", { email: `${marker}-sup@example.com`, reason: "manual" }));
  await ok(call("POST", `/api/v1/contacts/${contact}/notes`, { body: marker }));
  // A contact import, uploaded (not run: the in-process app has no job runner).
  const contactImport = await id(
    call("POST", "/api/v1/contact-imports", `email\n${marker}-import@example.com\n`, {
      "content-type": "text/csv",
    }),
  );
  const apiKey = (await ok<{ data: { id: string }[] }>(call("GET", "/api/v1/api-keys"))).data[0]!.id;
  const workspace = (await ok<{ id: string }>(call("GET", "/api/v1/workspace"))).id;
  // A job of this workspace's, when one is queued (the in-process app runs none); else an id nobody has.
  const jobs = await call("GET", "/api/v1/jobs");
  const job =
    jobs.status === 200
      ? json<{ data: { id: string; workspaceId?: string | null }[] }>(jobs).data.find(
          (j) => j.workspaceId === workspace,
        )?.id
      : undefined;
  return {
    marker,
    email: `${marker}-sup@example.com`,
    ids: {
      touchpoints: touchpoint,
      surveys: survey,
      companies: company,
      contacts: contact,
      "contact-imports": contactImport,
      responses: response,
      sends: send.id,
      intentId: intent,
      campaigns: campaign,
      outbox,
      "sent-mail": log,
      triggers: trigger,
      events: marker,
      users: user,
      "api-keys": apiKey,
      workspaces: workspace,
      jobs: job ?? randomUUID(),
    },
  };
}

/** Bodies that get an operation past its input checks, so a refusal is about whose the ids are. */
function bodyFor(
  method: string,
  path: string,
  other: Fixture,
): { body?: unknown; headers?: Record<string, string> } {
  const o = other.ids;
  const bodies: Record<string, unknown> = {
    "post /api/v1/responses": [{ surveyId: o.surveys, contactId: o.contacts, score: 3 }],
    "post /api/v1/sends": { surveyId: o.surveys, contactId: o.contacts },
    "post /api/v1/campaigns": { name: "x", surveyId: o.surveys, audience: { kind: "all" } },
    "post /api/v1/campaigns/{id}/test-send": { email: "probe@example.com" },
    "post /api/v1/contacts/{id}/notes": { body: "probe" },
    "post /api/v1/triggers": { name: "x", eventType: "chat.closed", surveyId: o.surveys },
    "post /api/v1/triggers/{id}/test": { event: { type: "chat.closed", contact: { id: o.contacts } } },
    // A draft naming the other workspace's survey, contact and touchpoint: tried, it finds none of them.
    "post /api/v1/triggers/test": {
      trigger: { eventType: "chat.closed", surveyId: o.surveys, touchpointId: o.touchpoints },
      event: { type: "chat.closed", contact: { id: o.contacts }, touchpointId: o.touchpoints },
    },
    "post /api/v1/session/workspace": { workspaceId: o.workspaces },
    "post /api/v1/workspaces": { name: "probe" },
    "patch /api/v1/workspaces/{id}": { name: "probe" },
    "post /api/v1/surveys/preview": { surveyId: o.surveys },
  };
  const key = `${method} ${path}`;
  if (key === "post /api/v1/contact-imports/{id}/run")
    return { body: { columns: [{ column: 0, field: "email" }] } };
  if (key === "post /api/v1/contact-imports")
    return { body: "email\nprobe@example.com\n", headers: { "content-type": "text/csv" } };
  if (key === "post /api/v1/campaigns/{id}/audience")
    return { body: "email\nprobe@example.com\n", headers: { "content-type": "text/csv" } };
  if (key in bodies) return { body: bodies[key] };
  return method === "patch" || method === "post" ? { body: {} } : {};
}

/** What a path parameter stands for: the id of the kind named by the segment before it. */
function fill(path: string, other: Fixture): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string, at: number) => {
    if (name === "email") return encodeURIComponent(other.email);
    if (name !== "id") {
      const value = other.ids[name];
      if (!value) throw new Error(`no id for {${name}} in ${path}: add one to populate()`);
      return value;
    }
    const segment = path.slice(0, at).split("/").filter(Boolean).at(-1) ?? "";
    const value = other.ids[segment];
    if (!value) throw new Error(`no id for ${segment}/{id} in ${path}: add one to populate()`);
    return value;
  });
}

/** Every GET a workspace answers about itself: lists, and each record by its id; volatile fields dropped. */
async function snapshot(call: Call, own: Fixture, paths: Operations): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [path, method] of paths) {
    if (method !== "get" || path === "/api/v1/session" || path.startsWith("/api/v1/session/")) continue;
    // A campaign's preview is rendered afresh each time: its links carry a new signature.
    if (path.endsWith("/preview")) continue;
    // A privacy export says when it was made and is recorded in the audit log each time it is read.
    if (path.endsWith("/privacy-export")) continue;
    const url = fill(path, own);
    const a = await call("GET", url);
    out[url] = `${a.status} ${a.text.replace(/"lastUsedAt":"[^"]*"/g, "")}`;
  }
  return out;
}

type Operations = [path: string, method: string][];

async function operations(call: Call): Promise<Operations> {
  const doc = await ok<{ paths: Record<string, Record<string, unknown>> }>(
    call("GET", "/api/v1/openapi.json"),
  );
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => [path, m] as [string, string]),
  );
}

/** Only an instance owner, signed in, may: a key is refused whichever workspace it names. */
const instanceOnly = new Set(["patch /api/v1/workspaces/{id}", "delete /api/v1/workspaces/{id}"]);

/**
 * Walks every operation with `mine`'s key against `other`'s ids: an operation naming one of them by path
 * answers 404 (403 where only an instance owner may), none shows anything of `other`'s, and `other` reads
 * the same afterwards.
 */
async function expectIsolated(mine: Call, other: Call, otherFixture: Fixture): Promise<number> {
  const ops = await operations(mine);
  const before = await snapshot(other, otherFixture, ops);
  const secrets = [...Object.values(otherFixture.ids), otherFixture.marker];
  let walked = 0;
  for (const [path, method] of ops) {
    const url = fill(path, otherFixture);
    const { body, headers } = bodyFor(method, path, otherFixture);
    const answer = await mine(method.toUpperCase(), url, body, headers);
    const asked = `${url} ${typeof body === "string" ? body : JSON.stringify(body ?? "")}`;
    const where = `${method.toUpperCase()} ${url} → ${answer.status} ${answer.text.slice(0, 300)}`;
    // The request's own words may come back (a 404 names the id it did not find); nothing else of other's.
    for (const secret of secrets)
      if (!asked.includes(secret)) expect(answer.text, where).not.toContain(secret);
    expect(answer.status, where).toBeLessThan(500);
    if (path.includes("{")) {
      expect(answer.status, where).toBe(instanceOnly.has(`${method} ${path}`) ? 403 : 404);
    }
    walked++;
  }
  const after = await snapshot(other, otherFixture, ops);
  const changed = Object.keys(before).filter((url) => after[url] !== before[url]);
  expect(changed.map((url) => [url, before[url]?.slice(0, 200), after[url]?.slice(0, 200)])).toEqual([]);
  return walked;
}

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

describe("a second workspace created through the API", () => {
  it("is isolated from the first in every API operation, both ways", async () => {
    const a = await testClient(open.db);
    const owner = { email: `io-${randomUUID()}@example.jp`, password: "correct horse" };
    await createInstanceOwner(open.db, owner);
    const session = await signInAs(a, owner.email, owner.password);
    const created = await session.call("POST", "/api/v1/workspaces", {
      name: "二番目の会社",
      defaultLocale: "en",
    });
    expect(created.status).toBe(201);
    const b = created.body as { id: string; role: string; timeZone: string };
    expect(b).toMatchObject({ role: "owner", timeZone: "UTC" });
    expect((await session.call("POST", "/api/v1/session/workspace", { workspaceId: b.id })).status).toBe(200);
    const keyB = await session.call("POST", "/api/v1/api-keys", { name: "b", role: "owner" });
    expect(keyB.status).toBe(201);
    const callA = keyCall(a.app, a.key);
    const callB = keyCall(a.app, (keyB.body as { key: string }).key);
    expect(json<{ id: string }>(await callB("GET", "/api/v1/workspace")).id).toBe(b.id);

    const [fixA, fixB] = [await populate(a.app, callA), await populate(a.app, callB)];
    expect(await expectIsolated(callA, callB, fixB)).toBeGreaterThan(70);
    await expectIsolated(callB, callA, fixA);
  });
});

// Two `koe` processes on a new embedded database each migrate it first: a minute on a busy machine.
describe("a second workspace created through the CLI", { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("is keyed, isolated, listed, renamed, and deleted only with --yes", async () => {
    const url = inject("testDatabaseUrl");
    const dataDir = mkdtempSync(join(tmpdir(), "koe-ws-cli-"));
    dirs.push(dataDir);
    const env = { KOE_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...(url ? { DATABASE_URL: url } : {}) };
    // The real command, twice: `koe workspace create` and `koe apikey create --workspace`.
    const koe = async (...args: string[]) => {
      const run = await runKoe(args, env);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout.trim();
    };
    const id = await koe("workspace", "create", "CLI", "の会社", "--locale", "en");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const keyB = await koe("apikey", "create", "--workspace", id);

    const db = url ? open : await openDatabase({ dataDir });
    try {
      // What `koe serve` makes at start, as the test database has it: the job queue's tables.
      if (!url) await installJobSchema(db.db);
      const a = await testClient(db.db);
      const callA = keyCall(a.app, a.key);
      const callB = keyCall(a.app, keyB);
      const ws = json<{ id: string; name: string; timeZone: string }>(
        await callB("GET", "/api/v1/workspace"),
      );
      expect(ws).toMatchObject({ id, name: "CLI の会社", timeZone: "UTC" });
      const [fixA, fixB] = [await populate(a.app, callA), await populate(a.app, callB)];
      await expectIsolated(callA, callB, fixB);
      await expectIsolated(callB, callA, fixA);

      // The rest of the commands, as main.ts runs them, on the same database.
      const printed: string[] = [];
      const cli = (sub: string, rest: string[], yes = false) =>
        workspaceCommand(db.db, { sub, rest, yes }, (line) => printed.push(line));
      await cli("rename", [id, "改名した会社"]);
      await cli("list", []);
      expect(printed).toContain(`${id}  en  -        改名した会社`);
      await expect(cli("delete", [id])).rejects.toThrow(
        /"改名した会社" with 1 surveys, 1 responses, .*add --yes/,
      );
      await cli("delete", [id], true);
      expect(printed.at(-1)).toMatch(/^deleted "改名した会社"/);
      expect(await callB("GET", "/api/v1/workspace")).toMatchObject({ status: 401 });
    } finally {
      if (!url) await db.close();
    }
  });
});
