// The response rate: sends of a period, those answered (on the survey page, by a person), and the interval.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { campaignTestSend } from "../../../test/test-send.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { personFields } from "../../../test/page-form.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let otherSurvey: string;
const tp: Record<string, string> = {};

async function send(survey: string, touchpoint: string | null, channel = "email") {
  const res = await c.call("POST", "/api/v1/sends", { surveyId: survey, touchpointId: touchpoint, channel });
  expect(res.status).toBe(201);
  return res.body as { id: string; url: string };
}

/** Answers a personal link the way a person does: open the page, then submit the form. */
async function answer(url: string, score: number) {
  const path = url.replace("http://koe.test", "");
  const page = await (await c.app.request(path)).text();
  const { ft, h } = personFields(page);
  const res = await c.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ft, h, score: String(score), step: "done", comment: "" }).toString(),
  });
  expect(res.status).toBe(303);
}

const moveTo = (id: string, at: string) =>
  sql`update sends set created_at = ${at}::timestamptz where workspace_id = ${c.workspaceId} and id = ${id}`.execute(
    c.db,
  );

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const touchpoint = async (name: string, team: string) =>
    (await c.call("POST", "/api/v1/touchpoints", { name, kind: "support", channel: "email", team })).body
      .id as string;
  tp.support = await touchpoint("サポート窓口", "カスタマーサクセス");
  tp.sales = await touchpoint("営業", "営業部");
  const survey = async (name: string) =>
    (
      await c.call("POST", "/api/v1/surveys", {
        name,
        kind: "nps",
        status: "active",
        question: { ja: "薦めますか？" },
      })
    ).body.id as string;
  surveyId = await survey("NPS");
  otherSurvey = await survey("Other");
  // In March (Tokyo): 8 support sends, 3 answered; 4 sales sends, 1 answered; 2 chat sends, none answered.
  for (let i = 0; i < 8; i++) {
    const s = await send(surveyId, tp.support);
    if (i < 3) await answer(s.url, 9);
    await moveTo(s.id, `2026-03-${String(i + 1).padStart(2, "0")}T01:00:00Z`);
  }
  for (let i = 0; i < 4; i++) {
    const s = await send(surveyId, tp.sales);
    if (i === 0) await answer(s.url, 3);
    await moveTo(s.id, "2026-03-10T01:00:00Z");
  }
  for (let i = 0; i < 2; i++) await moveTo((await send(surveyId, null, "chat")).id, "2026-03-20T01:00:00Z");
  // 15:30 UTC on 31 March is 1 April in Tokyo; another survey's send in March; a campaign's test send.
  await moveTo((await send(surveyId, tp.support)).id, "2026-03-31T15:30:00Z");
  await moveTo((await send(otherSurvey, tp.support)).id, "2026-03-05T01:00:00Z");
  await moveTo(await campaignTestSend(c, surveyId), "2026-03-05T01:00:00Z");
});
afterAll(() => open.close());

const rate = async (q: string) => {
  const res = await c.call("GET", `/api/v1/reports/response-rate?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe("GET /api/v1/reports/response-rate", () => {
  it("counts the period's sends and those with a response, with a 95 % Wilson interval", async () => {
    const r = await rate(`from=2026-03-01&to=2026-03-31&surveyId=${surveyId}`);
    expect(r).toMatchObject({ sends: 14, responded: 4, rate: 0.2857 });
    expect(r.interval).toEqual([0.1172, 0.5465]);
    // The other survey's send counts without the survey filter; the test send never does.
    expect(await rate("from=2026-03-01&to=2026-03-31")).toMatchObject({ sends: 15, responded: 4 });
  });

  it("filters by team, touchpoint and channel", async () => {
    const team = await rate(
      `from=2026-03-01&to=2026-03-31&surveyId=${surveyId}&team=${encodeURIComponent("カスタマーサクセス")}`,
    );
    expect(team).toMatchObject({ sends: 8, responded: 3, rate: 0.375 });
    expect(await rate(`from=2026-03-01&to=2026-03-31&touchpoint=${tp.sales}`)).toMatchObject({
      sends: 4,
      responded: 1,
      rate: 0.25,
    });
    expect(await rate("from=2026-03-01&to=2026-03-31&channel=chat")).toMatchObject({
      sends: 2,
      responded: 0,
      rate: 0,
    });
  });

  it("takes days in the workspace's time zone", async () => {
    expect(await rate(`from=2026-04-01&to=2026-04-01&surveyId=${surveyId}`)).toMatchObject({ sends: 1 });
    expect(await rate(`from=2026-03-31&to=2026-03-31&surveyId=${surveyId}`)).toMatchObject({ sends: 0 });
  });

  it("has no rate and no interval without sends", async () => {
    expect(await rate("from=2025-01-01&to=2025-01-31")).toEqual({
      sends: 0,
      responded: 0,
      rate: null,
      interval: null,
    });
  });

  it("refuses bad parameters with problem+json", async () => {
    const res = await c.call(
      "GET",
      "/api/v1/reports/response-rate?from=2026-04-01&to=2026-03-01&groupBy=day",
    );
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors.length).toBeGreaterThan(0);
    const viewer = await c.as("viewer");
    expect((await viewer.call("GET", "/api/v1/reports/response-rate")).status).toBe(200);
  });
});
