import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const survey = await c.call("POST", "/api/v1/surveys", {
    name: "After purchase",
    kind: "nps",
    status: "active",
    question: { ja: "おすすめしますか？" },
  });
  surveyId = survey.body.id;
});
afterAll(() => open.close());

const expectProblem = (res: { status: number; headers: Headers }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
};

describe("/api/v1/triggers", () => {
  it("creates a rule with defaults, reads, lists, edits and deletes it", async () => {
    const created = await c.call("POST", "/api/v1/triggers", {
      name: "After delivery",
      eventType: "order.delivered",
      surveyId,
      conditions: { "metadata.plan": "pro", "metadata.orderTotal": { gte: 5000 } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "After delivery",
      eventType: "order.delivered",
      delaySeconds: 0,
      active: true,
      touchpointId: null,
      conditions: { "metadata.plan": "pro", "metadata.orderTotal": { gte: 5000 } },
    });
    const id = created.body.id;
    expect((await c.call("GET", `/api/v1/triggers/${id}`)).body).toEqual(created.body);

    // An edit changes only what it names.
    const edited = await c.call("PATCH", `/api/v1/triggers/${id}`, { active: false, delaySeconds: 86_400 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      active: false,
      delaySeconds: 86_400,
      conditions: created.body.conditions,
    });
    expect((await c.call("PATCH", `/api/v1/triggers/${id}`, {})).body).toEqual(edited.body);

    await c.call("POST", "/api/v1/triggers", { name: "Chat", eventType: "chat.closed", surveyId });
    const all = await c.call("GET", "/api/v1/triggers?limit=1");
    expect(all.body.data).toHaveLength(1);
    const next = await c.call("GET", `/api/v1/triggers?limit=1&cursor=${all.body.nextCursor}`);
    expect(next.body).toMatchObject({ data: [{ id }], nextCursor: null });
    const inactive = await c.call("GET", "/api/v1/triggers?active=false");
    expect(inactive.body.data.map((t: { id: string }) => t.id)).toEqual([id]);
    const byType = await c.call("GET", "/api/v1/triggers?eventType=chat.closed");
    expect(byType.body.data.map((t: { name: string }) => t.name)).toEqual(["Chat"]);

    expect((await c.call("DELETE", `/api/v1/triggers/${id}`)).status).toBe(204);
    expectProblem(await c.call("GET", `/api/v1/triggers/${id}`), 404);
    expectProblem(await c.call("DELETE", `/api/v1/triggers/${id}`), 404);
    expectProblem(await c.call("GET", "/api/v1/triggers/not-an-id"), 404);
  });

  it("names the field at fault", async () => {
    const base = { name: "R", eventType: "chat.closed", surveyId };
    const pathOf = async (b: unknown) => {
      const res = await c.call("POST", "/api/v1/triggers", b);
      expectProblem(res, 422);
      return res.body.errors.map((e: { path: string }) => e.path);
    };
    expect(await pathOf({ ...base, delaySeconds: 30 * 86_400 + 1 })).toEqual(["delaySeconds"]);
    expect(await pathOf({ ...base, delaySeconds: -1 })).toEqual(["delaySeconds"]);
    expect(await pathOf({ ...base, eventType: "chat closed" })).toEqual(["eventType"]);
    expect(await pathOf({ ...base, conditions: { plan: "pro" } })).toEqual(["conditions.plan"]);
    expect(await pathOf({ ...base, conditions: { "metadata.total": { gte: "5000" } } })).toEqual([
      "conditions.metadata.total",
    ]);
    expect(await pathOf({ ...base, surveyId: "0190a000-0000-7000-8000-0000000000ff" })).toEqual(["surveyId"]);
    expect(await pathOf({ ...base, touchpointId: "0190a000-0000-7000-8000-0000000000ff" })).toEqual([
      "touchpointId",
    ]);
    expect(await pathOf({ ...base, name: "" })).toEqual(["name"]);
    expect(await pathOf({ ...base, extra: 1 })).toEqual([""]);
    expectProblem(await c.call("GET", "/api/v1/triggers?active=maybe"), 422);
  });

  it("lets a viewer read but only an admin edit, and keeps workspaces apart", async () => {
    const rule = await c.call("POST", "/api/v1/triggers", { name: "Mine", eventType: "t", surveyId });
    const viewer = await c.as("viewer");
    expect((await viewer.call("GET", `/api/v1/triggers/${rule.body.id}`)).status).toBe(200);
    const member = await c.as("member");
    expectProblem(
      await member.call("POST", "/api/v1/triggers", { name: "X", eventType: "t", surveyId }),
      403,
    );
    expectProblem(await member.call("PATCH", `/api/v1/triggers/${rule.body.id}`, { active: false }), 403);
    expectProblem(await member.call("DELETE", `/api/v1/triggers/${rule.body.id}`), 403);
    const stranger = await testClient(open.db);
    expectProblem(await stranger.call("GET", `/api/v1/triggers/${rule.body.id}`), 404);
    expectProblem(await stranger.call("PATCH", `/api/v1/triggers/${rule.body.id}`, { active: false }), 404);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await c.call("GET", "/api/v1/openapi.json");
    expect(Object.keys(doc.body.paths["/api/v1/triggers/{id}"])).toEqual(["get", "patch", "delete"]);
    expect(doc.body.paths["/api/v1/triggers"].post.requestBody).toBeDefined();
    expect(doc.body.paths["/api/v1/events"].post.requestBody).toBeDefined();
    expect(doc.body.paths["/api/v1/events/{id}"].get).toBeDefined();
  });
});
