// Every value a request carries is checked before the database sees it: text PostgreSQL cannot hold (NUL)
// and times it refuses (offsets beyond ±15:59, days that do not exist) are a 422 naming the parameter,
// never a 500, and never a CSV export that starts and is then cut off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newNpsSurvey, openTestDatabase } from "../../test/database.ts";
import { testClient, type TestClient } from "../../test/app.ts";
import type { OpenDatabase } from "../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  surveyId = await newNpsSurvey(c.db, c.workspaceId);
  const stored = await c.call("POST", "/api/v1/responses", { surveyId, score: 9, comment: "fine" });
  expect(stored.status).toBe(201);
});
afterAll(() => open.close());

/** GET with the client's key; the body is read to its end, so a cut-off stream fails the test. */
async function get(path: string) {
  const res = await c.app.request(path, { headers: { authorization: `Bearer ${c.key}` } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), text };
}

function expectRefused(res: { status: number; type: string | null; text: string }, parameter: string) {
  expect(res.status, res.text).toBe(422);
  expect(res.type).toContain("application/problem+json");
  const problem = JSON.parse(res.text) as { errors: { path: string; message: string }[] };
  expect(problem.errors.map((e) => e.path)).toContain(parameter);
}

describe("query values PostgreSQL would refuse", () => {
  const cases: [path: string, parameter: string][] = [
    ["/api/v1/responses?q=%00", "q"],
    ["/api/v1/responses?team=%00", "team"],
    ["/api/v1/responses?q=ok&q=a%00b", "q"], // a repeat the schema never reads is checked too
    ["/api/v1/contacts?q=%00", "q"],
    ["/api/v1/reports/nps?team=%00", "team"],
    ["/api/v1/reports/nps?attribute.plan=%00", "attribute.plan"],
    ["/api/v1/reports/response-rate?attribute.plan=x%00", "attribute.plan"],
    ["/api/v1/reports/nps?attribute.pl%00an=pro", "attribute.pl\u0000an"],
    ["/api/v1/responses?from=2020-01-01T00:00:00-20:45", "from"],
    ["/api/v1/responses?to=2020-01-01T00:00:00%2B15:00", "to"],
    ["/api/v1/responses?from=2020-01-01T00:00:00-12:01", "from"],
    ["/api/v1/responses?from=2026-02-30T00:00:00Z", "from"],
    ["/api/v1/reports/nps?from=2020-01-01T00:00:00-20:45", "from"],
    ["/api/v1/reports/nps?from=2020-01-01garbage", "from"],
    ["/api/v1/outbox?to=a%00@example.com", "to"],
    ["/api/v1/triggers?eventType=%00", "eventType"],
    ["/api/v1/users?cursor=%00", "cursor"],
  ];
  for (const [path, parameter] of cases) {
    it(`${path} → 422 naming ${JSON.stringify(parameter)}`, async () => {
      expectRefused(await get(path), parameter);
    });
  }

  it("a forged feed cursor with an offset PostgreSQL refuses is not a cursor", async () => {
    const forged = Buffer.from(
      JSON.stringify(["2020-01-01T00:00:00-20:45", "01a24591-5991-7185-8d81-0a5120652394"]),
    ).toString("base64url");
    expectRefused(await get(`/api/v1/responses?cursor=${forged}`), "cursor");
  });

  it("the CSV export refuses them before it starts: 422 problem+json, the answer whole", async () => {
    for (const [query, parameter] of [
      ["q=%00", "q"],
      ["team=%00", "team"],
      ["from=2020-01-01T00:00:00-20:45", "from"],
    ] as const) {
      expectRefused(await get(`/api/v1/responses/export.csv?${query}`), parameter);
    }
  });

  it("a campaign preview's contactId must be an id", async () => {
    const campaign = await c.call("POST", "/api/v1/campaigns", {
      name: "Preview",
      surveyId,
      audience: { kind: "all" },
    });
    expect(campaign.status).toBe(201);
    expectRefused(await get(`/api/v1/campaigns/${campaign.body.id}/preview?contactId=nope`), "contactId");
  });

  it("the real range of offsets, and real days, still work", async () => {
    for (const path of [
      "/api/v1/responses?from=2020-01-01T00:00:00-12:00&to=2030-01-01T00:00:00%2B14:00",
      "/api/v1/responses?from=2024-02-29",
      "/api/v1/reports/nps?from=2020-01-01T00:00:00%2B09:00&to=2030-12-31",
      "/api/v1/responses/export.csv?from=2020-01-01T00:00:00%2B05:45&q=fine",
      "/api/v1/contacts?q=%E5%A3%B0", // 声
    ]) {
      const res = await get(path);
      expect(res.status, `${path}: ${res.text}`).toBe(200);
    }
    const csv = await get("/api/v1/responses/export.csv?q=fine");
    expect(csv.text).toContain("fine");
  });
});

describe("times in bodies go through the same field", () => {
  it("a response's createdAt with an offset no clock shows is a 422, alone or in a batch", async () => {
    const createdAt = "2024-01-01T00:00:00-20:45";
    const one = await c.call("POST", "/api/v1/responses", { surveyId, score: 9, createdAt });
    expect(one.status).toBe(422);
    expect(one.body.errors.map((e: { path: string }) => e.path)).toContain("createdAt");
    const batch = await c.call("POST", "/api/v1/responses", [
      { surveyId, score: 9, createdAt },
      { surveyId, score: 8, createdAt: "2024-01-01T00:00:00+14:00" },
    ]);
    expect(batch.status).toBe(201);
    expect(batch.body.inserted).toBe(1);
    expect(batch.body.errors).toEqual([expect.objectContaining({ index: 0, path: "createdAt" })]);
  });

  it("a campaign scheduled at an offset no clock shows is a 422", async () => {
    const res = await c.call("POST", "/api/v1/campaigns", {
      name: "Later",
      surveyId,
      audience: { kind: "all" },
      schedule: { kind: "at", at: "2030-01-01T09:00:00+23:00" },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain("schedule.at");
  });
});
