// API keys, roles and tenancy: a workspace sees and touches only its own rows.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let mine: TestClient;
let theirs: TestClient;
const their = { survey: "", touchpoint: "", contact: "", company: "", response: "" };
let mySurvey = "";

async function create(c: TestClient, path: string, body: object): Promise<string> {
  const res = await c.call("POST", path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  open = await openTestDatabase();
  mine = await testClient(open.db);
  theirs = await testClient(open.db);
  mySurvey = await create(mine, "/api/v1/surveys", { name: "Mine", kind: "nps", question: { en: "?" } });
  their.survey = await create(theirs, "/api/v1/surveys", {
    name: "Theirs",
    kind: "nps",
    question: { en: "?" },
  });
  their.touchpoint = await create(theirs, "/api/v1/touchpoints", {
    name: "Theirs",
    kind: "product",
    channel: "in_app",
  });
  their.contact = await create(theirs, "/api/v1/contacts", { email: "theirs@example.com" });
  their.company = await create(theirs, "/api/v1/companies", { name: "Theirs Inc." });
  their.response = await create(theirs, "/api/v1/responses", { surveyId: their.survey, score: 10 });
});
afterAll(() => open.close());

const expectProblem = (
  res: { status: number; body: { status?: number }; headers: Headers },
  status: number,
) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body.status).toBe(status);
};

describe("API keys", () => {
  it("are required: no key, a malformed header or an unknown key is 401 problem+json", async () => {
    const bare = await mine.app.request("/api/v1/surveys");
    expect(bare.status).toBe(401);
    expect(bare.headers.get("content-type")).toContain("application/problem+json");
    expect(((await bare.json()) as { status: number }).status).toBe(401);
    for (const authorization of [
      "Bearer koe_unknown_key_000000000000",
      `Basic ${mine.key}`,
      "Bearer",
      mine.key,
    ]) {
      expectProblem(await mine.call("GET", "/api/v1/surveys", undefined, { authorization }), 401);
    }
    // Writes are refused the same way, and store nothing.
    const before = await mine.call("GET", "/api/v1/surveys?limit=1000");
    const post = await mine.app.request("/api/v1/surveys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Sneaky", kind: "nps", question: { en: "?" } }),
    });
    expect(post.status).toBe(401);
    expect((await mine.call("GET", "/api/v1/surveys?limit=1000")).body.data).toHaveLength(
      before.body.data.length,
    );
  });

  it("stop working once revoked", async () => {
    const c = await testClient(open.db);
    expect((await c.call("GET", "/api/v1/surveys")).status).toBe(200);
    await sql`update api_keys set revoked_at = now() where workspace_id = ${c.workspaceId}`.execute(open.db);
    expectProblem(await c.call("GET", "/api/v1/surveys"), 401);
  });

  it("are not needed for /healthz and the OpenAPI document", async () => {
    const health = await mine.app.request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    expect((await mine.app.request("/api/v1/openapi.json")).status).toBe(200);
  });
});

describe("roles", () => {
  it("a viewer can read everything but write nothing (403)", async () => {
    const viewer = await mine.as("viewer");
    for (const path of [
      "/api/v1/surveys",
      "/api/v1/touchpoints",
      "/api/v1/contacts",
      "/api/v1/companies",
      "/api/v1/responses",
      "/api/v1/reports/nps",
    ]) {
      expect((await viewer.call("GET", path)).status, path).toBe(200);
    }
    expect((await viewer.call("GET", `/api/v1/surveys/${mySurvey}`)).status).toBe(200);
    const writes: [string, string, unknown][] = [
      ["POST", "/api/v1/surveys", { name: "V", kind: "nps", question: { en: "?" } }],
      ["POST", "/api/v1/touchpoints", { name: "V", kind: "product", channel: "web" }],
      ["POST", "/api/v1/contacts", { email: "viewer@example.com" }],
      ["POST", "/api/v1/companies", { name: "V" }],
      ["POST", "/api/v1/responses", { surveyId: mySurvey, score: 9 }],
      ["PATCH", `/api/v1/surveys/${mySurvey}`, { name: "Hijacked" }],
      ["DELETE", `/api/v1/surveys/${mySurvey}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await viewer.call(method, path, body);
      expectProblem(res, 403);
    }
    expect((await mine.call("GET", `/api/v1/surveys/${mySurvey}`)).body.name).toBe("Mine");
    expect((await mine.call("GET", `/api/v1/responses?surveyId=${mySurvey}`)).body.data).toHaveLength(0);
  });

  it("a member records responses and contacts but cannot shape surveys or touchpoints (403)", async () => {
    const member = await mine.as("member");
    expect((await member.call("POST", "/api/v1/responses", { surveyId: mySurvey, score: 9 })).status).toBe(
      201,
    );
    expect((await member.call("POST", "/api/v1/contacts", { email: "member-made@example.com" })).status).toBe(
      201,
    );
    expect((await member.call("POST", "/api/v1/companies", { name: "Member Co" })).status).toBe(201);
    expectProblem(
      await member.call("POST", "/api/v1/surveys", { name: "M", kind: "nps", question: { en: "?" } }),
      403,
    );
    expectProblem(
      await member.call("POST", "/api/v1/touchpoints", { name: "M", kind: "product", channel: "web" }),
      403,
    );
    expectProblem(await member.call("PATCH", `/api/v1/surveys/${mySurvey}`, { status: "closed" }), 403);
    expect((await mine.call("GET", `/api/v1/surveys/${mySurvey}`)).body.status).toBe("draft");
  });

  it("an admin shapes surveys and touchpoints", async () => {
    const admin = await mine.as("admin");
    expect(
      (await admin.call("POST", "/api/v1/surveys", { name: "A", kind: "csat", question: { en: "?" } }))
        .status,
    ).toBe(201);
    expect(
      (
        await admin.call("POST", "/api/v1/touchpoints", {
          name: "Admin made",
          kind: "billing",
          channel: "email",
        })
      ).status,
    ).toBe(201);
  });
});

describe("tenancy", () => {
  const resources = [
    ["surveys", "survey", { name: "Taken" }],
    ["touchpoints", "touchpoint", { name: "Taken" }],
    ["contacts", "contact", { name: "Taken" }],
    ["companies", "company", { name: "Taken" }],
  ] as const;

  it.each(resources)(
    "another workspace's %s are 404 on GET, PATCH and DELETE, and stay untouched",
    async (path, key, patch) => {
      const id = their[key];
      expectProblem(await mine.call("GET", `/api/v1/${path}/${id}`), 404);
      expectProblem(await mine.call("PATCH", `/api/v1/${path}/${id}`, patch), 404);
      expectProblem(await mine.call("DELETE", `/api/v1/${path}/${id}`), 404);
      const still = await theirs.call("GET", `/api/v1/${path}/${id}`);
      expect(still.status).toBe(200);
      expect(still.body.name ?? still.body.email).not.toBe("Taken");
      // And they never show in my lists.
      const listed = await mine.call("GET", `/api/v1/${path}?limit=1000`);
      expect(listed.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
    },
  );

  it("another workspace's responses are 404 and never listed or counted", async () => {
    expectProblem(await mine.call("GET", `/api/v1/responses/${their.response}`), 404);
    const listed = await mine.call("GET", `/api/v1/responses?limit=1000`);
    expect(listed.body.data.map((r: { id: string }) => r.id)).not.toContain(their.response);
    expect((await mine.call("GET", `/api/v1/responses?surveyId=${their.survey}`)).body.data).toHaveLength(0);
    expect((await mine.call("GET", `/api/v1/reports/nps?surveyId=${their.survey}`)).body.n).toBe(0);
  });

  it("responses naming another workspace's survey, touchpoint or contact are row errors and nothing is stored", async () => {
    const before = (await theirs.call("GET", `/api/v1/reports/nps?surveyId=${their.survey}`)).body
      .n as number;
    const mineBefore = (await mine.call("GET", "/api/v1/responses?limit=1000")).body.data.length as number;
    const res = await mine.call("POST", "/api/v1/responses", [
      { surveyId: their.survey, score: 0 },
      { surveyId: mySurvey, touchpointId: their.touchpoint, score: 0 },
      { surveyId: mySurvey, contactId: their.contact, score: 0 },
    ]);
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "[0].surveyId",
      "[1].touchpointId",
      "[2].contactId",
    ]);
    // Mixed with a good row: the good one is stored, the others reported by index.
    const mixed = await mine.call("POST", "/api/v1/responses", [
      { surveyId: mySurvey, score: 7 },
      { surveyId: their.survey, score: 0 },
      { surveyId: mySurvey, touchpointId: their.touchpoint, score: 0 },
      { surveyId: mySurvey, contactId: their.contact, score: 0 },
    ]);
    expect(mixed.status).toBe(201);
    expect(mixed.body.inserted).toBe(1);
    expect(mixed.body.errors.map((e: { index: number; path: string }) => [e.index, e.path])).toEqual([
      [1, "surveyId"],
      [2, "touchpointId"],
      [3, "contactId"],
    ]);
    // One response on its own names the field as it was sent.
    for (const [body, field] of [
      [{ surveyId: their.survey, score: 5 }, "surveyId"],
      [{ surveyId: mySurvey, touchpointId: their.touchpoint, score: 5 }, "touchpointId"],
      [{ surveyId: mySurvey, contactId: their.contact, score: 5 }, "contactId"],
    ] as const) {
      const single = await mine.call("POST", "/api/v1/responses", body);
      expectProblem(single, 422);
      expect(single.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    }
    expect((await mine.call("GET", "/api/v1/responses?limit=1000")).body.data).toHaveLength(mineBefore + 1);
    expect((await theirs.call("GET", `/api/v1/reports/nps?surveyId=${their.survey}`)).body.n).toBe(before);
    // Filtering by their ids finds nothing of theirs.
    expect(
      (await mine.call("GET", `/api/v1/responses?touchpointId=${their.touchpoint}`)).body.data,
    ).toHaveLength(0);
    expect((await mine.call("GET", `/api/v1/responses?contactId=${their.contact}`)).body.data).toHaveLength(
      0,
    );
  });

  it("a malformed id in the path is 404, for every method", async () => {
    for (const path of ["surveys", "touchpoints", "contacts", "companies"]) {
      for (const id of ["not-an-id", "123", "' or 1=1 --", randomUUID().slice(0, 30)]) {
        const url = `/api/v1/${path}/${encodeURIComponent(id)}`;
        expectProblem(await mine.call("GET", url), 404);
        expectProblem(await mine.call("PATCH", url, { name: "x" }), 404);
        expectProblem(await mine.call("DELETE", url), 404);
      }
    }
    expectProblem(await mine.call("GET", "/api/v1/responses/nope"), 404);
    expectProblem(await mine.call("GET", `/api/v1/responses/${randomUUID()}`), 404);
    expectProblem(await mine.call("GET", "/api/v1/no-such-resource"), 404);
  });
});

describe("GET /api/v1/openapi.json", () => {
  interface Operation {
    parameters: { name: string; in: string }[];
    responses: Record<string, unknown>;
    requestBody?: unknown;
  }
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    const res = await mine.app.request("/api/v1/openapi.json");
    doc = (await res.json()) as typeof doc;
  });

  it("is an OpenAPI 3.1 document listing every API route the app answers", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = mine.app.routes
      // The API and operations routes; the public HTML pages (/s/…, /r/…) are not part of the API.
      .filter((r) => r.method !== "ALL" && (r.path.startsWith("/api/") || r.path === "/healthz"))
      .map((r) => `${r.method} ${r.path.replace(/\/$/, "").replace(/:(\w+)/g, "{$1}")}`);
    expect(new Set(documented)).toEqual(new Set(served));
    for (const route of [
      "POST /api/v1/responses",
      "GET /api/v1/responses",
      "GET /api/v1/reports/nps",
      "GET /api/v1/surveys/{id}",
      "PATCH /api/v1/touchpoints/{id}",
      "DELETE /api/v1/contacts/{id}",
      "GET /healthz",
    ]) {
      expect(documented).toContain(route);
    }
  });

  it("describes the report's query parameters, including groupBy", () => {
    const report = doc.paths["/api/v1/reports/nps"]?.get;
    const names = report?.parameters.map((p) => p.name) ?? [];
    expect(names).toEqual(
      expect.arrayContaining(["from", "to", "surveyId", "touchpoint", "channel", "groupBy"]),
    );
    expect(report?.parameters.every((p) => p.in === "query")).toBe(true);
    expect(doc.paths["/api/v1/responses"]?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.paths["/api/v1/responses"]?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "401", "403", "422"]),
    );
  });
});
