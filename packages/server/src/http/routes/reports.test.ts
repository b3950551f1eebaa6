import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let phone: string;
let chat: string;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  phone = (
    await c.call("POST", "/api/v1/touchpoints", { name: "電話サポート", kind: "support", channel: "phone" })
  ).body.id;
  chat = (await c.call("POST", "/api/v1/touchpoints", { name: "Chat", kind: "support", channel: "chat" }))
    .body.id;
  surveyId = (
    await c.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      question: { ja: "薦めますか？", en: "Recommend?" },
    })
  ).body.id;
  // January: phone 50 promoters, 30 passives, 20 detractors (NPS 30). February: chat 10 promoters (NPS 100).
  const rows = [
    ...Array.from({ length: 100 }, (_, i) => ({
      surveyId,
      touchpointId: phone,
      score: i < 50 ? 10 : i < 80 ? 7 : 3,
      createdAt: `2026-01-${String((i % 28) + 1).padStart(2, "0")}T10:00:00+09:00`,
    })),
    ...Array.from({ length: 10 }, () => ({
      surveyId,
      touchpointId: chat,
      score: 9,
      createdAt: "2026-02-02T23:30:00Z",
    })),
  ];
  const res = await c.call("POST", "/api/v1/responses", rows);
  expect(res.status).toBe(201);
});
afterAll(() => open.close());

describe("GET /api/v1/reports/nps", () => {
  it("returns NPS with n, segment counts and the 95 % interval", async () => {
    const res = await c.call("GET", "/api/v1/reports/nps?to=2026-01-31");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      nps: 30,
      n: 100,
      promoters: 50,
      passives: 30,
      detractors: 20,
      marginOfError: 15.31,
    });
    expect(res.body.interval).toEqual([14.69, 45.31]);
  });

  it("groups by month and touchpoint, with touchpoint names", async () => {
    const res = await c.call("GET", "/api/v1/reports/nps?groupBy=month,touchpoint");
    expect(res.body.n).toBe(110);
    expect(res.body.groups).toHaveLength(2);
    expect(res.body.groups[0]).toMatchObject({
      keys: { month: "2026-01", touchpoint: phone },
      label: "電話サポート",
      nps: 30,
      n: 100,
    });
    // 23:30 UTC on 2 February is 3 February in Tokyo, the workspace's time zone.
    expect(res.body.groups[1]).toMatchObject({
      keys: { month: "2026-02", touchpoint: chat },
      nps: 100,
      n: 10,
    });
    const days = await c.call("GET", "/api/v1/reports/nps?groupBy=day&from=2026-02-01");
    expect(days.body.groups.map((g: { key: string }) => g.key)).toEqual(["2026-02-03"]);
  });

  it("groups by segment and filters by touchpoint and channel", async () => {
    const seg = await c.call("GET", `/api/v1/reports/nps?groupBy=segment&touchpoint=${phone}`);
    expect(seg.body.groups.map((g: { key: string; n: number }) => [g.key, g.n])).toEqual([
      ["detractor", 20],
      ["passive", 30],
      ["promoter", 50],
    ]);
    const byChannel = await c.call("GET", "/api/v1/reports/nps?channel=chat");
    expect(byChannel.body).toMatchObject({ n: 10, nps: 100 });
  });

  it("never computes NPS from other kinds of survey", async () => {
    const csat = (
      await c.call("POST", "/api/v1/surveys", { name: "CSAT", kind: "csat", question: { en: "Satisfied?" } })
    ).body.id;
    await c.call("POST", "/api/v1/responses", [
      { surveyId: csat, score: 5 },
      { surveyId: csat, score: 2 },
    ]);
    expect((await c.call("GET", "/api/v1/reports/nps")).body.n).toBe(110);
    const res = await c.call("GET", "/api/v1/reports/csat");
    expect(res.body).toMatchObject({ kind: "csat", n: 2, csat: 50, happy: 1, unhappy: 1 });
  });

  it("rejects bad parameters with problem+json naming the field", async () => {
    const res = await c.call("GET", "/api/v1/reports/nps?groupBy=year&from=yesterday");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["from", "groupBy.0"]);
  });
});

describe("reports with compare=previous", () => {
  it("adds the period of the same length just before, and whether NPS changed significantly", async () => {
    const open = await openTestDatabase();
    const api = await testClient(open.db);
    const survey = await api.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      question: { en: "Recommend?" },
      followUps: {},
      defaultLocale: "en",
      status: "active",
    });
    const rows = (month: string, scores: number[]) =>
      scores.map((score, i) => ({
        surveyId: survey.body.id,
        score,
        createdAt: `${month}-${String(1 + (i % 28)).padStart(2, "0")}T12:00:00+09:00`,
      }));
    // September: 20 detractors, 20 promoters (NPS 0); October: 5 detractors, 35 promoters (NPS +75).
    await api.call("POST", "/api/v1/responses", [
      ...rows("2026-09", [...Array(20).fill(2), ...Array(20).fill(10)]),
      ...rows("2026-10", [...Array(5).fill(2), ...Array(35).fill(10)]),
    ]);
    const r = await api.call(
      "GET",
      `/api/v1/reports/nps?surveyId=${survey.body.id}&from=2026-10-01&to=2026-10-30&compare=previous`,
    );
    expect(r.body).toMatchObject({
      nps: 75,
      n: 40,
      previous: { nps: 0, n: 40, from: "2026-09-01", to: "2026-09-30" },
    });
    expect(r.body.change).toMatchObject({ delta: 75, significant: true });
    const bad = await api.call("GET", `/api/v1/reports/nps?compare=previous`);
    expect(bad.status).toBe(422);
    await open.close();
  });
});
