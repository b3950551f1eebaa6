// Batch imports as PostgreSQL stores them (COPY through a staging table, one rollup upsert) and as the
// embedded database does: text survives exactly, and concurrent imports into one workspace neither
// deadlock nor lose a count.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

async function make(c: TestClient, path: string, body: object): Promise<string> {
  const res = await c.call("POST", path, body);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const day = (i: number) => new Date(Date.UTC(2025, 0, 1, 3) - (i % 30) * 86_400_000).toISOString();

describe("POST /api/v1/responses, how a batch is stored", () => {
  it("keeps comments and metadata exactly, tabs, newlines, backslashes and quotes included", async () => {
    const c = await testClient(open.db);
    const survey = await make(c, "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      question: { en: "Recommend?" },
    });
    const texts = [
      "tab\there",
      "line\nbreak\r\nend",
      "back\\slash \\N \\. \\t",
      "quote \" ' ,;|",
      "\\",
      "ok",
    ];
    const rows = texts.map((comment, i) => ({
      surveyId: survey,
      score: i,
      comment,
      metadata: { [`k\t${i}`]: comment, n: i + 0.5, yes: true, none: null },
    }));
    const res = await c.call("POST", "/api/v1/responses", rows);
    expect(res.status).toBe(201);
    const ids = res.body.ids as string[];
    for (const [i, id] of ids.entries()) {
      const got = (await c.call("GET", `/api/v1/responses/${id}`)).body as {
        comment: string;
        metadata: object;
      };
      expect(got.comment).toBe(texts[i]);
      expect(got.metadata).toEqual(rows[i]?.metadata);
    }
  });

  it("two concurrent 10,000-row imports into one workspace both land, rollups equal to the responses", async () => {
    const c = await testClient(open.db);
    const surveys = [
      await make(c, "/api/v1/surveys", { name: "NPS", kind: "nps", question: { en: "Recommend?" } }),
      await make(c, "/api/v1/surveys", { name: "CSAT", kind: "csat", question: { en: "Satisfied?" } }),
    ];
    const touchpoints = [
      await make(c, "/api/v1/touchpoints", { name: "Phone", kind: "support", channel: "phone" }),
      await make(c, "/api/v1/touchpoints", { name: "Chat", kind: "support", channel: "chat" }),
    ];
    // The same 120 rollup rows in both batches, the first half of one batch on the days of the other's
    // second half: had a batch its rollups upserted in two steps, or unsorted, each import would hold rows
    // the other waits for (a deadlock).
    const batch = (reverse: boolean) =>
      Array.from({ length: 10_000 }, (_, k) => {
        const i = reverse ? 9_999 - k : k;
        return {
          surveyId: surveys[i % 2] as string,
          touchpointId: touchpoints[(i >> 1) % 2] as string,
          score: 1 + (i % 5),
          createdAt: day((i < 5_000 ? 0 : 15) + ((i >> 2) % 15)),
          source: "import",
        };
      });
    const results = await Promise.all([
      c.call("POST", "/api/v1/responses", batch(false)),
      c.call("POST", "/api/v1/responses", batch(true)),
    ]);
    expect(results.map((r) => [r.status, r.body.inserted])).toEqual([
      [201, 10_000],
      [201, 10_000],
    ]);
    const { rows } = await sql<{ responses: number; rolled: number; keys: number }>`
      select (select count(*) from responses where workspace_id = ${c.workspaceId})::int as responses,
             (select sum(n) from response_rollups where workspace_id = ${c.workspaceId})::int as rolled,
             (select count(*) from response_rollups where workspace_id = ${c.workspaceId})::int as keys`.execute(
      open.db,
    );
    expect(rows[0]).toEqual({ responses: 20_000, rolled: 20_000, keys: 120 });
    const report = (
      await c.call("GET", `/api/v1/reports/nps?surveyId=${surveys[0]}&from=2024-11-01&to=2025-01-31`)
    ).body as { n: number };
    expect(report.n).toBe(10_000);
  });
});
