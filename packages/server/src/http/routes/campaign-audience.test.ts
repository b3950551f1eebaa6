// Uploading a campaign's audience as CSV: the encodings Excel and other tools write, bad bytes refused by
// line, and one rule for an address given twice.
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../db/open.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

/** A fresh workspace with a draft campaign whose audience is a CSV upload. */
async function draft(): Promise<{ api: TestClient; id: string }> {
  const api = await testClient(open.db);
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "NPS",
    kind: "nps",
    question: { ja: "薦める可能性は？" },
    defaultLocale: "ja",
    status: "active",
  });
  const c = await api.call("POST", "/api/v1/campaigns", {
    name: "CSV",
    surveyId: survey.body.id,
    audience: { kind: "csv" },
  });
  return { api, id: c.body.id };
}

async function upload(api: TestClient, id: string, body: Uint8Array, type = "text/csv") {
  const res = await api.app.request(`/api/v1/campaigns/${id}/audience`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.key}`, "content-type": type },
    body,
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test
}

async function contacts(api: TestClient) {
  const list = await api.call("GET", "/api/v1/contacts?limit=100");
  return list.body.data as { email: string; name: string | null; externalId: string | null }[];
}

async function audienceSize(api: TestClient, id: string): Promise<number> {
  const rows = await open.db
    .selectFrom("campaign_contacts")
    .select("contact_id")
    .where("workspace_id", "=", api.workspaceId)
    .where("campaign_id", "=", id)
    .execute();
  return rows.length;
}

const csv = "email,name,plan\r\nyamada@example.jp,山田 太郎,pro\r\ntakahashi@example.jp,髙橋 ①,free\r\n";
const names = (list: { name: string | null }[]) => list.map((c) => c.name).sort();

describe("POST /api/v1/campaigns/:id/audience, encodings", () => {
  it("reads Shift_JIS (CP932) as saved by Excel on Japanese Windows", async () => {
    const { api, id } = await draft();
    const res = await upload(api, id, iconv.encode(csv, "cp932"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 2, encoding: "cp932", errors: [], duplicates: [] });
    expect(names(await contacts(api))).toEqual(["山田 太郎", "髙橋 ①"]);
  });

  it("reads UTF-16LE and UTF-8 with a byte-order mark", async () => {
    const utf16 = await draft();
    const res16 = await upload(utf16.api, utf16.id, iconv.encode(csv, "utf-16le", { addBOM: true }));
    expect(res16.body).toMatchObject({ added: 2, encoding: "utf-16le" });
    expect(names(await contacts(utf16.api))).toEqual(["山田 太郎", "髙橋 ①"]);
    const bom = await draft();
    const res8 = await upload(bom.api, bom.id, Buffer.from(`\uFEFF${csv}`));
    expect(res8.body).toMatchObject({ added: 2, encoding: "utf-8" });
    expect(names(await contacts(bom.api))).toEqual(["山田 太郎", "髙橋 ①"]);
  });

  it("follows the charset the Content-Type declares", async () => {
    const { api, id } = await draft();
    // UTF-16 without a byte-order mark cannot be told from its bytes; declared, it is read.
    const res = await upload(api, id, iconv.encode(csv, "utf-16le"), "text/csv; charset=UTF-16LE");
    expect(res.body).toMatchObject({ added: 2, encoding: "utf-16le" });
    const sjis = await draft();
    const declared = await upload(
      sjis.api,
      sjis.id,
      iconv.encode(csv, "cp932"),
      'text/csv; charset="Shift_JIS"',
    );
    expect(declared.body).toMatchObject({ added: 2, encoding: "shift_jis" });
    expect(names(await contacts(sjis.api))).toEqual(["山田 太郎", "髙橋 ①"]);
    const unknown = await upload(sjis.api, sjis.id, Buffer.from(csv), "text/csv; charset=x-unknown");
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: "charset", message: expect.stringContaining("x-unknown") }]);
  });

  it("refuses a file with bytes that are not text with a 422 naming the line, storing nothing", async () => {
    const { api, id } = await draft();
    const bad = Buffer.concat([
      iconv.encode("email,name\r\nyamada@example.jp,山田 太郎\r\nsato@example.jp,佐", "cp932"),
      Buffer.from([0x82]), // the first byte of a two-byte character, then the line ends
      iconv.encode("\r\nito@example.jp,伊藤\r\n", "cp932"),
    ]);
    const res = await upload(api, id, bad);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        path: "csv",
        line: 3,
        message: expect.stringMatching(/^line 3 has bytes that are not text in CP932/),
      },
    ]);
    expect(res.body.detail).toContain("line 3");
    expect(await contacts(api)).toEqual([]);
    expect(await audienceSize(api, id)).toBe(0);
    // Declared UTF-8 but sent as Shift_JIS: refused too, never stored as replacement characters.
    const declared = await upload(api, id, iconv.encode(csv, "cp932"), "text/csv; charset=utf-8");
    expect(declared.status).toBe(422);
    expect(declared.body.errors[0]).toMatchObject({ line: 2 });
    expect(await contacts(api)).toEqual([]);
  });

  it("takes only text/csv: a file sent as another type is a 415, storing nothing", async () => {
    const { api, id } = await draft();
    const res = await upload(api, id, new TextEncoder().encode(csv), "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
    expect(res.body.detail).toBe("send the file as text/csv");
    expect(await contacts(api)).toEqual([]);
    expect((await upload(api, id, new TextEncoder().encode(csv), "Text/CSV; charset=utf-8")).status).toBe(
      200,
    );
  });
});

describe("POST /api/v1/campaigns/:id/audience, an address given twice", () => {
  it("uses the first row for an address (trimmed, in any case) and reports the others by line", async () => {
    const { api, id } = await draft();
    const text = [
      "email,name,plan",
      "sato@example.jp,佐藤 一郎,pro",
      "lee@example.com,Lee,free",
      " Sato@Example.JP ,佐藤 二郎,free",
      "not-an-email,x,free",
      "SATO@example.jp,佐藤 三郎,",
    ].join("\n");
    const res = await upload(api, id, Buffer.from(text));
    expect(res.body).toMatchObject({
      added: 2,
      errors: [{ line: 5, message: expect.stringContaining("email") }],
      duplicates: [
        { line: 4, email: "sato@example.jp", firstLine: 2 },
        { line: 6, email: "sato@example.jp", firstLine: 2 },
      ],
    });
    const sato = (await contacts(api)).find((c) => c.email === "sato@example.jp");
    expect(sato).toMatchObject({ name: "佐藤 一郎", attributes: { plan: "pro" } });
  });

  it("keeps the first row even when the repeat comes thousands of rows later", async () => {
    const { api, id } = await draft();
    const rows = Array.from({ length: 5_001 }, (_, i) => `p${i}@example.jp,P${i}`);
    const text = ["email,name", "first@example.jp,最初", ...rows, "FIRST@example.jp,最後"].join("\n");
    const res = await upload(api, id, Buffer.from(text));
    expect(res.body.added).toBe(5_002);
    expect(res.body.duplicates).toEqual([{ line: 5_004, email: "first@example.jp", firstLine: 2 }]);
    const found = await api.call("GET", "/api/v1/contacts?q=first%40example.jp");
    expect(found.body.data.map((c: { name: string }) => c.name)).toEqual(["最初"]);
  });

  it("reports an external id given twice or owned by another contact, instead of failing the upload", async () => {
    const { api, id } = await draft();
    await api.call("POST", "/api/v1/contacts", { email: "owner@example.jp", externalId: "C-1" });
    const text = [
      "email,externalId",
      "a@example.jp,C-2",
      "b@example.jp,C-2",
      "c@example.jp,C-1",
      "owner@example.jp,C-1",
    ].join("\n");
    const res = await upload(api, id, Buffer.from(text));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      added: 2,
      errors: [
        { line: 3, message: expect.stringContaining("line 2") },
        { line: 4, message: expect.stringContaining("another contact") },
      ],
    });
  });
});
