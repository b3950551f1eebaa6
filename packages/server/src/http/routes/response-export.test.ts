// The CSV export: a file Excel opens with Japanese intact, formulas neutralised, every matching row.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { responseCsv } from "../../domain/responses/export-responses.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;

const formulas = ["=1+1", "+81 3 1234 5678", "-5 points", "@SUM(A1:A9)", "\tTAB", "\rCR"];
const tricky = ['彼は「最高」と言った, "quoted" too', "一行目\n二行目", "対応が遅い、でも丁寧でした"];

async function download(q = "") {
  const res = await c.app.request(`/api/v1/responses/export.csv${q}`, {
    headers: { authorization: `Bearer ${c.key}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

const rowsOf = (text: string) =>
  parse(text.replace(/^\uFEFF/, ""), { columns: true, relax_column_count: false }) as Record<
    string,
    string
  >[];

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const tp = (
    await c.call("POST", "/api/v1/touchpoints", { name: "電話サポート", kind: "support", channel: "phone" })
  ).body.id;
  const contact = (
    await c.call("POST", "/api/v1/contacts", { email: "hanako@example.com", name: "山田 花子" })
  ).body.id;
  surveyId = (
    await c.call("POST", "/api/v1/surveys", {
      name: "顧客NPS",
      kind: "nps",
      question: { ja: "薦めますか？" },
    })
  ).body.id;
  const all = [...formulas, ...tricky];
  const res = await c.call(
    "POST",
    "/api/v1/responses",
    all.map((comment, i) => ({
      surveyId,
      score: i,
      comment,
      contactId: contact,
      touchpointId: tp,
      locale: "ja",
      createdAt: `2026-06-${String(i + 1).padStart(2, "0")}T09:30:00+09:00`,
    })),
  );
  expect(res.status).toBe(201);
});
afterAll(() => open.close());

describe("GET /api/v1/responses/export.csv", () => {
  it("is a UTF-8 CSV with a byte order mark, named for today, as an attachment", async () => {
    const { res, bytes, text } = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="koe-responses-${today}.csv"`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFFid,createdAt,survey,surveyKind,score,segment,touchpoint,channel,contactEmail,contactName,comment,locale,source,contactPhone,company,contactPreference,testimonialConsentText,testimonialConsentAt",
    );
  });

  it("keeps Japanese, commas, quotes and line breaks intact, newest first, in the workspace's time", async () => {
    const rows = rowsOf((await download()).text);
    expect(rows).toHaveLength(formulas.length + tricky.length);
    expect(rows[0]).toMatchObject({
      createdAt: "2026-06-09T09:30:00+09:00",
      survey: "顧客NPS",
      surveyKind: "nps",
      score: "8",
      segment: "passive",
      touchpoint: "電話サポート",
      channel: "phone",
      contactEmail: "hanako@example.com",
      contactName: "山田 花子",
      comment: "対応が遅い、でも丁寧でした",
      locale: "ja",
      source: "api",
    });
    expect(rows[1]?.comment).toBe("一行目\n二行目");
    expect(rows[2]?.comment).toBe('彼は「最高」と言った, "quoted" too');
  });

  it("neutralises every cell a spreadsheet would run as a formula", async () => {
    const rows = rowsOf((await download("?scoreMax=5")).text).reverse();
    expect(rows.map((r) => r.comment)).toEqual([
      "'=1+1",
      "'+81 3 1234 5678",
      "'-5 points",
      "'@SUM(A1:A9)",
      "'\tTAB",
      "'\rCR",
    ]);
  });

  it("applies the feed's filters, and refuses bad ones with problem+json", async () => {
    const rows = rowsOf((await download(`?q=${encodeURIComponent("遅い")}&segment=passive`)).text);
    expect(rows.map((r) => r.score)).toEqual(["8"]);
    const bad = await download("?scoreMin=x&limit=5");
    expect(bad.res.status).toBe(422);
    expect(bad.res.headers.get("content-type")).toContain("application/problem+json");
    const viewer = await c.as("viewer");
    const res = await viewer.call("GET", "/api/v1/responses/export.csv?segment=promoter");
    expect(res.status).toBe(200);
  });

  it("reads page after page by keyset: every row once, in order", async () => {
    const chunks: string[] = [];
    for await (const chunk of responseCsv(c.db, c.workspaceId, {}, { timeZone: "Asia/Tokyo", pageSize: 2 })) {
      chunks.push(chunk);
    }
    expect(chunks).toHaveLength(1 + Math.ceil((formulas.length + tricky.length) / 2));
    expect(rowsOf(chunks.join("")).map((r) => r.score)).toEqual([
      "8",
      "7",
      "6",
      "5",
      "4",
      "3",
      "2",
      "1",
      "0",
    ]);
  });
});
