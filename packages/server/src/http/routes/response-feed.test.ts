// The responses feed's search and filters, and include=contact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { responseCsv } from "../../domain/responses/export-responses.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let yamada: string;
const tp: Record<string, string> = {};

const comments = [
  "対応が遅いです。改善してください。",
  "Delivery was SLOW this time",
  "50% off was great",
  "50 percent of the time it works",
  "under_score",
  "underXscore",
  "back\\slash",
  "とても満足しています",
  null,
];

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const touchpoint = async (name: string, team: string | null) =>
    (await c.call("POST", "/api/v1/touchpoints", { name, kind: "support", channel: "chat", team })).body
      .id as string;
  tp.chat = await touchpoint("チャット", "サポート");
  tp.shop = await touchpoint("店舗", "店舗運営");
  yamada = (await c.call("POST", "/api/v1/contacts", { email: "taro@example.com", name: "山田 太郎" })).body
    .id;
  surveyId = (
    await c.call("POST", "/api/v1/surveys", { name: "NPS", kind: "nps", question: { ja: "薦めますか？" } })
  ).body.id;
  const res = await c.call(
    "POST",
    "/api/v1/responses",
    comments.map((comment, i) => ({
      surveyId,
      score: i,
      comment,
      contactId: i % 2 === 0 ? yamada : null,
      touchpointId: i < 3 ? tp.chat : i < 6 ? tp.shop : null,
      createdAt: `2026-05-0${i + 1}T10:00:00+09:00`,
    })),
  );
  expect(res.status).toBe(201);
});
afterAll(() => open.close());

const list = async (q: string) => {
  const res = await c.call("GET", `/api/v1/responses?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { comment: string | null; score: number; [k: string]: unknown }[];
};
const commentsOf = async (q: string) => (await list(q)).map((r) => r.comment);

describe("GET /api/v1/responses search and filters", () => {
  it("q finds comments containing the text, Japanese and any case alike", async () => {
    expect(await commentsOf(`q=${encodeURIComponent("遅い")}`)).toEqual([
      "対応が遅いです。改善してください。",
    ]);
    expect(await commentsOf("q=slow")).toEqual(["Delivery was SLOW this time"]);
    expect(await commentsOf(`q=${encodeURIComponent("満足")}`)).toEqual(["とても満足しています"]);
  });

  it("q takes % _ and \\ literally", async () => {
    expect(await commentsOf(`q=${encodeURIComponent("50%")}`)).toEqual(["50% off was great"]);
    expect(await commentsOf(`q=${encodeURIComponent("under_")}`)).toEqual(["under_score"]);
    expect(await commentsOf(`q=${encodeURIComponent("\\")}`)).toEqual(["back\\slash"]);
    expect(await commentsOf(`q=${encodeURIComponent("%")}`)).toEqual(["50% off was great"]);
  });

  it("filters by score range, segment and team", async () => {
    expect((await list("scoreMin=3&scoreMax=5")).map((r) => r.score)).toEqual([5, 4, 3]);
    expect((await list("scoreMin=7")).map((r) => r.score)).toEqual([8, 7]);
    expect((await list("segment=passive")).map((r) => r.score)).toEqual([8, 7]);
    const team = await list(`team=${encodeURIComponent("店舗運営")}`);
    expect(team.map((r) => r.score)).toEqual([5, 4, 3]);
    expect(await list("team=nobody")).toEqual([]);
    expect(await commentsOf(`q=50&team=${encodeURIComponent("店舗運営")}`)).toEqual([
      "50 percent of the time it works",
    ]);
  });

  it("pages through search results without gaps", async () => {
    const first = await c.call("GET", "/api/v1/responses?q=score&limit=1");
    expect(first.body.data.map((r: { comment: string }) => r.comment)).toEqual(["underXscore"]);
    const next = await c.call("GET", `/api/v1/responses?q=score&limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body.data.map((r: { comment: string }) => r.comment)).toEqual(["under_score"]);
    expect(next.body.nextCursor).toBeNull();
  });

  it("include=contact adds the contact and touchpoint; without it the shape stays", async () => {
    const plain = await list("scoreMax=0");
    expect(plain[0]).not.toHaveProperty("contact");
    expect(plain[0]).not.toHaveProperty("touchpoint");
    const [withContact] = await list("scoreMax=0&include=contact");
    expect(withContact).toMatchObject({
      score: 0,
      contactId: yamada,
      contact: { id: yamada, name: "山田 太郎", email: "taro@example.com" },
      touchpoint: { id: tp.chat, name: "チャット" },
    });
    const [anonymous] = await list("scoreMin=7&scoreMax=7&include=contact");
    expect(anonymous).toMatchObject({ contact: null, touchpoint: null });
  });

  it("refuses bad filters with problem+json naming them", async () => {
    const res = await c.call(
      "GET",
      `/api/v1/responses?scoreMin=8&scoreMax=2&include=company&q=${"x".repeat(201)}`,
    );
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["include", "q"]);
    const order = await c.call("GET", "/api/v1/responses?scoreMin=8&scoreMax=2");
    expect(order.body.errors.map((e: { path: string }) => e.path)).toEqual(["scoreMin"]);
    expect((await c.call("GET", "/api/v1/responses?scoreMax=11")).status).toBe(422);
  });
});

describe("paging through imported times finer than a millisecond", () => {
  it("gives every response once, in the feed and in the export", async () => {
    const ws = await testClient(open.db);
    const survey = (
      await ws.call("POST", "/api/v1/surveys", { name: "n", kind: "nps", question: { ja: "q" } })
    ).body.id as string;
    // Six answers within one millisecond: a JS Date cannot tell them apart.
    const times = ["000120", "000121", "000122", "000123", "000500", "000500"];
    const rows = times.map((us, i) => ({
      surveyId: survey,
      score: i,
      createdAt: `2026-05-01T10:00:00.${us}Z`,
    }));
    expect((await ws.call("POST", "/api/v1/responses", rows)).status).toBe(201);

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await ws.call("GET", `/api/v1/responses?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...res.body.data.map((r: { score: number }) => r.score));
      cursor = res.body.nextCursor;
    } while (cursor);
    // Newest first: the two at .000500 (ids break the tie), then .000123 down to .000120.
    expect(paged.slice(2)).toEqual([3, 2, 1, 0]);
    expect([...paged].sort()).toEqual([0, 1, 2, 3, 4, 5]);

    let csv = "";
    for await (const chunk of responseCsv(ws.db, ws.workspaceId, {}, { timeZone: "UTC", pageSize: 2 }))
      csv += chunk;
    expect(csv.trim().split("\n")).toHaveLength(1 + 6);

    // A time in from/to is that instant, to the microsecond.
    const from = await ws.call("GET", "/api/v1/responses?from=2026-05-01T10:00:00.000122Z");
    expect(from.body.data.map((r: { score: number }) => r.score).sort()).toEqual([2, 3, 4, 5]);
  });
});
