// Recording responses one by one and in batches (historical import), and listing them back.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { ManualClock } from "../../clock.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

interface Setup {
  c: TestClient;
  nps: string;
  csat: string;
  ces: string;
  phone: string;
  chat: string;
}

async function setup(): Promise<Setup> {
  const c = await testClient(open.db);
  const make = async (path: string, body: object) => {
    const res = await c.call("POST", path, body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  return {
    c,
    nps: await make("/api/v1/surveys", { name: "NPS", kind: "nps", question: { ja: "薦めますか？" } }),
    csat: await make("/api/v1/surveys", { name: "CSAT", kind: "csat", question: { en: "Satisfied?" } }),
    ces: await make("/api/v1/surveys", { name: "CES", kind: "ces", question: { en: "Easy?" } }),
    phone: await make("/api/v1/touchpoints", { name: "Phone support", kind: "support", channel: "phone" }),
    chat: await make("/api/v1/touchpoints", { name: "Chat support", kind: "support", channel: "chat" }),
  };
}

const ago = (days: number, hour = 10) =>
  new Date(Date.UTC(2025, 0, 1, hour) - days * 86_400_000).toISOString();

/** Every rollup row of a workspace, as text, to prove a refused call changed nothing. */
async function rollupSnapshot(ws: string): Promise<string> {
  const { rows } = await sql`select * from response_rollups where workspace_id = ${ws}`.execute(open.db);
  return JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());
}

const reportN = async (c: TestClient, query = "") =>
  (await c.call("GET", `/api/v1/reports/nps${query}`)).body.n as number;

describe("POST /api/v1/responses, one response", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });

  it("answers 201 with the stored response and its NPS segment for every score", async () => {
    const expected = [
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
    ];
    for (let score = 0; score <= 10; score++) {
      const res = await s.c.call("POST", "/api/v1/responses", {
        surveyId: s.nps,
        score,
        comment: `score ${score}`,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        surveyId: s.nps,
        score,
        segment: expected[score],
        comment: `score ${score}`,
        source: "api",
      });
      expect((await s.c.call("GET", `/api/v1/responses/${res.body.id}`)).body).toEqual(res.body);
    }
    expect(await reportN(s.c, `?surveyId=${s.nps}`)).toBe(11);
    expect((await s.c.call("GET", `/api/v1/reports/nps?surveyId=${s.nps}`)).body).toMatchObject({
      promoters: 2,
      passives: 2,
      detractors: 7,
    });
  });

  it("computes CSAT (1–5) and CES (1–7) segments on their own scales", async () => {
    const csat = { 1: "unhappy", 2: "unhappy", 3: "neutral", 4: "happy", 5: "happy" };
    for (const [score, segment] of Object.entries(csat)) {
      const res = await s.c.call("POST", "/api/v1/responses", { surveyId: s.csat, score: Number(score) });
      expect(res.status).toBe(201);
      expect(res.body.segment).toBe(segment);
    }
    const ces = {
      1: "unhappy",
      2: "unhappy",
      3: "unhappy",
      4: "neutral",
      5: "happy",
      6: "happy",
      7: "happy",
    };
    for (const [score, segment] of Object.entries(ces)) {
      const res = await s.c.call("POST", "/api/v1/responses", { surveyId: s.ces, score: Number(score) });
      expect(res.body.segment).toBe(segment);
    }
    for (const [surveyId, score] of [
      [s.csat, 0],
      [s.csat, 6],
      [s.ces, 0],
      [s.ces, 8],
    ] as const) {
      const res = await s.c.call("POST", "/api/v1/responses", { surveyId, score });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["score"]);
    }
    // CSAT responses never count towards NPS.
    expect(await reportN(s.c, `?surveyId=${s.csat}`)).toBe(0);
    expect((await s.c.call("GET", `/api/v1/reports/csat?surveyId=${s.csat}`)).body).toMatchObject({
      n: 5,
      happy: 2,
      unhappy: 2,
    });
  });

  it("takes the channel from the touchpoint unless given, else from how it arrived", async () => {
    const viaPhone = await s.c.call("POST", "/api/v1/responses", {
      surveyId: s.nps,
      touchpointId: s.phone,
      score: 9,
    });
    expect(viaPhone.body).toMatchObject({ touchpointId: s.phone, channel: "phone" });
    const explicit = await s.c.call("POST", "/api/v1/responses", {
      surveyId: s.nps,
      touchpointId: s.phone,
      channel: "email",
      score: 9,
    });
    expect(explicit.body.channel).toBe("email");
    const byEmail = await s.c.call("POST", "/api/v1/responses", {
      surveyId: s.nps,
      score: 9,
      source: "email",
    });
    expect(byEmail.body).toMatchObject({ touchpointId: null, channel: "email", source: "email" });
    const byWidget = await s.c.call("POST", "/api/v1/responses", {
      surveyId: s.nps,
      score: 9,
      source: "widget",
    });
    expect(byWidget.body.channel).toBe("web");
  });

  it("takes ids in upper case as the same rows, one at a time and in a batch", async () => {
    const row = { surveyId: s.nps.toUpperCase(), touchpointId: s.phone.toUpperCase(), score: 8 };
    const one = await s.c.call("POST", "/api/v1/responses", row);
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    expect(one.body).toMatchObject({ surveyId: s.nps, touchpointId: s.phone });
    const batch = await s.c.call("POST", "/api/v1/responses", [row, row]);
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
  });

  it("refuses a bad single response with 422 naming the field, storing nothing", async () => {
    const before = await reportN(s.c);
    for (const [body, field] of [
      [{ surveyId: s.nps, score: 11 }, "score"],
      [{ surveyId: s.nps, score: -1 }, "score"],
      [{ surveyId: s.nps, score: 8.5 }, "score"],
      [{ surveyId: s.nps, score: "9" }, "score"],
      [{ surveyId: s.nps }, "score"],
      [{ surveyId: randomUUID(), score: 9 }, "surveyId"],
      [{ surveyId: "nps", score: 9 }, "surveyId"],
      [{ surveyId: s.nps, score: 9, touchpointId: randomUUID() }, "touchpointId"],
      [{ surveyId: s.nps, score: 9, comment: "x".repeat(5001) }, "comment"],
      [{ surveyId: s.nps, score: 9, locale: "fr" }, "locale"],
      [{ surveyId: s.nps, score: 9, createdAt: "2999-01-01T00:00:00Z" }, "createdAt"],
      [{ surveyId: s.nps, score: 9, createdAt: "last week" }, "createdAt"],
      [{ surveyId: s.nps, score: 9, metadata: { nested: { no: 1 } } }, "metadata.nested"],
    ] as const) {
      const res = await s.c.call("POST", "/api/v1/responses", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await reportN(s.c)).toBe(before);
  });

  it("accepts a comment of exactly 5,000 characters, Japanese included", async () => {
    const comment = "声".repeat(5000);
    const res = await s.c.call("POST", "/api/v1/responses", {
      surveyId: s.nps,
      score: 6,
      comment,
      locale: "ja",
    });
    expect(res.status).toBe(201);
    expect(res.body.comment).toBe(comment);
  });
});

describe("POST /api/v1/responses, a batch", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });

  it("stores the good rows and reports each bad row by index, path and reason (201)", async () => {
    const nBefore = await reportN(s.c);
    const rows = [
      { surveyId: s.nps, score: 9, createdAt: ago(3) }, // 0 good
      { surveyId: s.nps, score: 11 }, // 1 out of the NPS scale
      { surveyId: s.csat, score: 0 }, // 2 out of the CSAT scale
      { surveyId: s.csat, score: 5, touchpointId: s.chat }, // 3 good
      { surveyId: randomUUID(), score: 5 }, // 4 unknown survey
      { surveyId: s.nps, score: "10" }, // 5 wrong type
      { surveyId: s.nps, score: 5, comment: "x".repeat(5001) }, // 6 oversized comment
      { surveyId: s.nps, score: 5, createdAt: new Date(Date.now() + 86_400_000).toISOString() }, // 7 in the future
      { surveyId: s.nps, score: 3, comment: "y".repeat(5000), touchpointId: s.phone }, // 8 good
      "not a response", // 9 not an object
      { surveyId: s.nps, score: 8, mood: "happy" }, // 10 unknown field
    ];
    const res = await s.c.call("POST", "/api/v1/responses", rows);
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(3);
    expect(res.body.ids).toHaveLength(3);
    const errors = res.body.errors as { index: number; path: string; message: string }[];
    expect(errors.map((e) => [e.index, e.path])).toEqual([
      [1, "score"],
      [2, "score"],
      [4, "surveyId"],
      [5, "score"],
      [6, "comment"],
      [7, "createdAt"],
      [9, ""],
      [10, ""],
    ]);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(0);
    expect(errors.find((e) => e.index === 1)?.message).toMatch(/0 and 10/);
    expect(errors.find((e) => e.index === 2)?.message).toMatch(/1 and 5/);
    expect(errors.find((e) => e.index === 10)?.message).toContain("mood");

    // The good rows really are stored: the list and the report agree.
    const listed = (await s.c.call("GET", "/api/v1/responses?limit=1000")).body.data as {
      id: string;
      score: number;
      surveyId: string;
      channel: string;
    }[];
    expect(listed.map((r) => r.id).sort()).toEqual([...(res.body.ids as string[])].sort());
    expect(listed.find((r) => r.surveyId === s.csat)).toMatchObject({ score: 5, channel: "chat" });
    expect(await reportN(s.c)).toBe(nBefore + 2);
    expect((await s.c.call("GET", `/api/v1/reports/nps?surveyId=${s.nps}`)).body).toMatchObject({
      n: 2,
      promoters: 1,
      detractors: 1,
      nps: 0,
    });
    expect((await s.c.call("GET", `/api/v1/reports/csat?surveyId=${s.csat}`)).body).toMatchObject({
      n: 1,
      happy: 1,
    });
  });

  it("with ?atomic=true and one bad row: 422 and nothing stored, rollups untouched", async () => {
    const nBefore = await reportN(s.c);
    const rollups = await rollupSnapshot(s.c.workspaceId);
    const listBefore = (await s.c.call("GET", "/api/v1/responses?limit=1000")).body.data.length as number;
    const rows = Array.from({ length: 50 }, (_, i) => ({
      surveyId: s.nps,
      score: i % 11,
      createdAt: ago(i),
    }));
    rows[37] = { surveyId: s.nps, score: 12, createdAt: ago(1) };
    const res = await s.c.call("POST", "/api/v1/responses?atomic=true", rows);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "[37].score" })]);
    expect(res.body.detail).toMatch(/nothing was stored/);
    expect(await reportN(s.c)).toBe(nBefore);
    expect(await rollupSnapshot(s.c.workspaceId)).toBe(rollups);
    expect((await s.c.call("GET", "/api/v1/responses?limit=1000")).body.data).toHaveLength(listBefore);

    // The same batch, fixed, stores all 50 at once.
    rows[37] = { surveyId: s.nps, score: 10, createdAt: ago(1) };
    const ok = await s.c.call("POST", "/api/v1/responses?atomic=true", rows);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ inserted: 50, errors: [] });
    expect(await reportN(s.c)).toBe(nBefore + 50);
  });

  it("where every row is bad: 422 listing every row, nothing stored", async () => {
    const nBefore = await reportN(s.c);
    const rollups = await rollupSnapshot(s.c.workspaceId);
    const res = await s.c.call("POST", "/api/v1/responses", [
      { surveyId: s.nps, score: 11 },
      { score: 5 },
      42,
    ]);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "[0].score",
      "[1].surveyId",
      "[2]",
    ]);
    expect(await reportN(s.c)).toBe(nBefore);
    expect(await rollupSnapshot(s.c.workspaceId)).toBe(rollups);
  });

  it("refuses an empty batch and a bad atomic flag", async () => {
    expect((await s.c.call("POST", "/api/v1/responses", [])).status).toBe(422);
    expect((await s.c.call("POST", "/api/v1/responses", { responses: [] })).status).toBe(422);
    const flag = await s.c.call("POST", "/api/v1/responses?atomic=yes", [{ surveyId: s.nps, score: 5 }]);
    expect(flag.status).toBe(422);
    expect(flag.body.errors.map((e: { path: string }) => e.path)).toEqual(["atomic"]);
  });

  it("accepts the { responses: [...] } form", async () => {
    const nBefore = await reportN(s.c);
    const res = await s.c.call("POST", "/api/v1/responses", {
      responses: [
        { surveyId: s.nps, score: 10, source: "import", createdAt: "2024-03-01T09:00:00+09:00" },
        { surveyId: s.nps, score: 0, source: "import", createdAt: "2024-03-02T09:00:00+09:00" },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(2);
    expect(await reportN(s.c)).toBe(nBefore + 2);
    expect(await reportN(s.c, "?from=2024-03-01&to=2024-03-01")).toBe(1);
    const bad = await s.c.call("POST", "/api/v1/responses", { responses: "all of them" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["responses"]);
  });

  it("refuses a body that is not JSON (400) or not sent as JSON (415)", async () => {
    const notJson = await s.c.call("POST", "/api/v1/responses", "{ surveyId: nope");
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get("content-type")).toContain("application/problem+json");
    expect(notJson.body.status).toBe(400);
    const csv = await s.c.call("POST", "/api/v1/responses", "surveyId,score\nx,9", {
      "content-type": "text/csv",
    });
    expect(csv.status).toBe(415);
    expect(csv.headers.get("content-type")).toContain("application/problem+json");
    const none = await s.c.app.request("/api/v1/responses", {
      method: "POST",
      headers: { authorization: `Bearer ${s.c.key}` },
      body: JSON.stringify({ surveyId: s.nps, score: 9 }),
    });
    expect(none.status).toBe(415);
    // A JSON variant type is fine.
    const variant = await s.c.call(
      "POST",
      "/api/v1/responses",
      { surveyId: s.nps, score: 9 },
      { "content-type": "application/json; charset=utf-8" },
    );
    expect(variant.status).toBe(201);
  });
});

describe("POST /api/v1/responses, the time an answer was given", () => {
  it("may not be after the app's clock (5 minutes' slack), whatever the machine's time", async () => {
    // The clock stands years past the machine: what is past for it is stored, what is ahead is refused.
    const clock = new ManualClock("2030-01-10T00:00:00Z");
    const s = await setup();
    const timed = await testClient(open.db, { workspaceId: s.c.workspaceId, deps: { clock } });
    const res = await timed.call("POST", "/api/v1/responses", [
      { surveyId: s.nps, score: 9, createdAt: "2029-06-01T09:00:00Z" }, // past on the clock
      { surveyId: s.nps, score: 8, createdAt: "2030-01-10T00:04:59Z" }, // within the slack
      { surveyId: s.nps, score: 7, createdAt: "2030-01-10T00:05:01Z" }, // ahead of it
      { surveyId: s.nps, score: 6 }, // no time: the clock's
    ]);
    expect(res.status).toBe(201);
    expect(res.body.errors).toEqual([{ index: 2, path: "createdAt", message: "must not be in the future" }]);
    const stored = await Promise.all(
      (res.body.ids as string[]).map(async (id) => (await timed.call("GET", `/api/v1/responses/${id}`)).body),
    );
    expect(stored.map((r) => [r.score, r.createdAt])).toEqual([
      [9, "2029-06-01T09:00:00.000Z"],
      [8, "2030-01-10T00:04:59.000Z"],
      [6, "2030-01-10T00:00:00.000Z"],
    ]);
  });
});

describe("POST /api/v1/responses, 10,000 rows", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });

  it("refuses more than 10,000 rows with 422, storing nothing", async () => {
    const rollups = await rollupSnapshot(s.c.workspaceId);
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ surveyId: s.nps, score: i % 11 }));
    for (const body of [rows, { responses: rows }]) {
      const res = await s.c.call("POST", "/api/v1/responses", body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/10000|10,000/);
    }
    expect(await reportN(s.c)).toBe(0);
    expect(await rollupSnapshot(s.c.workspaceId)).toBe(rollups);
  });

  it("stores a batch of exactly 10,000 and the report rises by 10,000", async () => {
    const before = (await s.c.call("GET", "/api/v1/reports/nps")).body as { n: number; promoters: number };
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      surveyId: s.nps,
      touchpointId: i % 2 ? s.phone : s.chat,
      score: i % 11,
      comment: i % 100 === 0 ? `comment ${i} — とても良い` : undefined,
      source: "import",
      createdAt: ago(i % 400, i % 24),
    }));
    const res = await s.c.call("POST", "/api/v1/responses", rows);
    expect(res.status).toBe(201);
    expect(res.body.inserted).toBe(10_000);
    expect(new Set(res.body.ids as string[]).size).toBe(10_000);
    const after = (await s.c.call("GET", "/api/v1/reports/nps")).body as { n: number; promoters: number };
    expect(after.n).toBe(before.n + 10_000);
    // Scores 9 and 10 are 2 of every 11 rows.
    const promoters = rows.filter((r) => r.score >= 9).length;
    expect(after.promoters).toBe(before.promoters + promoters);
    const byTouchpoint = (await s.c.call("GET", "/api/v1/reports/nps?groupBy=touchpoint")).body.groups as {
      key: string;
      n: number;
    }[];
    expect(Object.fromEntries(byTouchpoint.map((g) => [g.key, g.n]))).toEqual({
      [s.phone]: 5000,
      [s.chat]: 5000,
    });
  });
});

describe("GET /api/v1/responses", () => {
  let s: Setup;
  let all: {
    id: string;
    surveyId: string;
    touchpointId: string | null;
    channel: string;
    segment: string;
    createdAt: string;
  }[];

  beforeAll(async () => {
    s = await setup();
    // Imported history, sent out of order: ids (creation order) do not follow createdAt.
    const rows = Array.from({ length: 60 }, (_, i) => ({
      surveyId: i % 3 === 0 ? s.csat : s.nps,
      score: i % 3 === 0 ? (i % 5) + 1 : i % 11,
      touchpointId: i % 4 === 0 ? s.phone : i % 4 === 1 ? s.chat : null,
      channel: i % 4 >= 2 ? (i % 2 ? "email" : "web") : undefined,
      // Several rows share a createdAt, so ties must be ordered too.
      createdAt: ago((i * 37) % 20, 12),
    }));
    const res = await s.c.call("POST", "/api/v1/responses", rows);
    expect(res.status).toBe(201);
    all = (await s.c.call("GET", "/api/v1/responses?limit=1000")).body.data;
    expect(all).toHaveLength(60);
  });

  it("lists newest first by createdAt, paging without duplicates or gaps", async () => {
    const times = all.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const limit of [1, 7, 20, 59, 60]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await s.c.call(
          "GET",
          `/api/v1/responses?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen, `limit ${limit}`).toEqual(all.map((r) => r.id));
      expect(pages).toBe(Math.ceil(60 / limit));
    }
  });

  it("pages consistently while new responses arrive", async () => {
    const first = await s.c.call("GET", "/api/v1/responses?limit=10");
    const newer = await s.c.call("POST", "/api/v1/responses", { surveyId: s.nps, score: 10 }); // newer than everything
    const rest: string[] = [];
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const res = await s.c.call("GET", `/api/v1/responses?limit=25&cursor=${cursor}`);
      rest.push(...res.body.data.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    }
    expect([...first.body.data.map((r: { id: string }) => r.id), ...rest]).toEqual(all.map((r) => r.id));
    // A fresh walk starts with the newcomer.
    all.unshift(newer.body);
    expect((await s.c.call("GET", "/api/v1/responses?limit=1")).body.data[0].id).toBe(newer.body.id);
  });

  it("filters by survey, touchpoint, segment, channel and time, also while paging", async () => {
    const filters: [string, (r: (typeof all)[number]) => boolean][] = [
      [`surveyId=${s.csat}`, (r) => r.surveyId === s.csat],
      [`touchpointId=${s.phone}`, (r) => r.touchpointId === s.phone],
      ["segment=promoter", (r) => r.segment === "promoter"],
      ["segment=happy", (r) => r.segment === "happy"],
      ["channel=chat", (r) => r.channel === "chat"],
      ["channel=email", (r) => r.channel === "email"],
      [`from=${ago(5, 12)}`, (r) => r.createdAt >= ago(5, 12)],
      [`to=${ago(15, 12)}`, (r) => r.createdAt <= ago(15, 12)],
      [
        `from=${ago(10, 0).slice(0, 10)}&to=${ago(5, 23)}&surveyId=${s.nps}`,
        (r) => r.createdAt >= ago(10, 0).slice(0, 10) && r.createdAt <= ago(5, 23) && r.surveyId === s.nps,
      ],
    ];
    for (const [qs, keep] of filters) {
      const expected = all.filter(keep).map((r) => r.id);
      expect(expected.length, qs).toBeGreaterThan(0);
      expect(expected.length, qs).toBeLessThan(all.length);
      const got: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await s.c.call(
          "GET",
          `/api/v1/responses?${qs}&limit=4${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(res.status, qs).toBe(200);
        got.push(...res.body.data.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(got, qs).toEqual(expected);
    }
    // The phone touchpoint's responses took its channel.
    expect(all.filter((r) => r.touchpointId === s.phone).every((r) => r.channel === "phone")).toBe(true);
  });

  it("refuses bad filters with 422 naming them", async () => {
    for (const [qs, field] of [
      ["segment=angry", "segment"],
      ["channel=fax", "channel"],
      ["surveyId=42", "surveyId"],
      ["from=yesterday", "from"],
      ["cursor=abc", "cursor"],
      ["colour=red", ""],
    ]) {
      const res = await s.c.call("GET", `/api/v1/responses?${qs}`);
      expect(res.status, qs).toBe(422);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        qs,
      ).toContain(field);
    }
  });
});

describe("GET /api/v1/responses by day", () => {
  it("reads a date alone as a whole day on the workspace's clock (Asia/Tokyo), the last day included", async () => {
    const s = await setup();
    const at = [
      "2025-03-09T23:59:00+09:00",
      "2025-03-10T00:10:00+09:00",
      "2025-03-10T23:50:00+09:00",
      "2025-03-11T00:05:00+09:00",
    ];
    const made = await s.c.call(
      "POST",
      "/api/v1/responses",
      at.map((createdAt) => ({ surveyId: s.nps, score: 9, createdAt })),
    );
    expect(made.status).toBe(201);
    const day = await s.c.call("GET", `/api/v1/responses?surveyId=${s.nps}&from=2025-03-10&to=2025-03-10`);
    expect(day.body.data.map((r: { createdAt: string }) => Date.parse(r.createdAt)).sort()).toEqual(
      [at[1], at[2]].map((t) => Date.parse(t!)),
    );
  });
});

describe("the response.created event", () => {
  it("is recorded with each stored response; not for refused calls", async () => {
    const s = await setup();
    const recorded = async () =>
      (
        await sql<{ subject_id: string; payload: { source: string; score: number } }>`
          select subject_id, payload from domain_events
          where workspace_id = ${s.c.workspaceId} and type = 'response.created' order by id`.execute(open.db)
      ).rows;
    const one = await s.c.call("POST", "/api/v1/responses", { surveyId: s.nps, score: 9, source: "widget" });
    expect(await recorded()).toEqual([
      { subject_id: one.body.id, payload: expect.objectContaining({ source: "widget", score: 9 }) },
    ]);

    const batch = await s.c.call("POST", "/api/v1/responses", [
      { surveyId: s.nps, score: 1 },
      { surveyId: s.nps, score: 99 },
      { surveyId: s.nps, score: 2 },
    ]);
    expect(batch.status).toBe(201);
    expect((await recorded()).map((e) => e.subject_id)).toEqual([one.body.id, ...batch.body.ids]);

    await s.c.call("POST", "/api/v1/responses?atomic=true", [
      { surveyId: s.nps, score: 1 },
      { surveyId: s.nps, score: 99 },
    ]);
    await s.c.call("POST", "/api/v1/responses", { surveyId: s.nps, score: 99 });
    await s.c.call("POST", "/api/v1/responses", [{ surveyId: randomUUID(), score: 5 }]);
    expect(await recorded()).toHaveLength(3);
  });
});
