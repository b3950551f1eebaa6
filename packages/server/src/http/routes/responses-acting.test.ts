// Answers worth acting on: a detractor's contact preference and a promoter's testimonial consent are in
// the responses feed (with the contact's phone and company), its filters and its CSV export.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { newId } from "../../domain/ids.ts";
import { newBatchId } from "../../domain/responses/batch-ids.ts";
import { insertResponses, type PreparedResponse } from "../../domain/responses/store-responses.ts";

let open: OpenDatabase;
let c: TestClient;
const ids: Record<string, string> = {};
const CONSENT =
  "私のコメントを、ACME 株式会社のウェブサイトや資料にお客様の声として掲載することに同意します。";

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const db = open.db;
  const ws = c.workspaceId;
  const surveyId = (
    await c.call("POST", "/api/v1/surveys", {
      name: "顧客NPS",
      kind: "nps",
      question: { ja: "薦めますか？" },
    })
  ).body.id as string;
  const companyId = newId();
  await db
    .insertInto("companies")
    .values({ workspace_id: ws, id: companyId, name: "ACME 株式会社", attributes: "{}" })
    .execute();
  const contactId = (
    await c.call("POST", "/api/v1/contacts", { email: "taro@example.com", name: "鈴木 太郎" })
  ).body.id as string;
  await db
    .updateTable("contacts")
    .set({ phone: "03-1234-5678", company_id: companyId })
    .where("workspace_id", "=", ws)
    .where("id", "=", contactId)
    .execute();
  const row = (
    key: string,
    score: number,
    segment: string,
    day: number,
    more: Partial<PreparedResponse> = {},
  ): PreparedResponse => {
    ids[key] = newBatchId();
    return {
      id: ids[key],
      survey_id: surveyId,
      contact_id: contactId,
      touchpoint_id: null,
      channel: "email",
      score,
      segment,
      comment: `${key} の回答`,
      locale: "ja",
      metadata: {},
      source: "email",
      created_at: `2026-06-${String(day).padStart(2, "0")}T09:30:00+09:00`,
      ...more,
    };
  };
  const rows = [
    row("phone", 2, "detractor", 1, { contact_preference: "phone" }),
    row("email", 4, "detractor", 2, { contact_preference: "email" }),
    row("none", 5, "detractor", 3, { contact_preference: "none" }),
    row("consent", 10, "promoter", 4, {
      testimonial_consent_text: CONSENT,
      testimonial_consent_at: "2026-06-04T00:31:00Z",
    }),
    row("promoter", 9, "promoter", 5),
    row("passive", 7, "passive", 6),
  ];
  for (const r of rows) await db.transaction().execute((tx) => insertResponses(tx, ws, [r]));
});
afterAll(() => open.close());

const keysOf = async (query: string) => {
  const res = await c.call("GET", `/api/v1/responses?${query}`);
  expect(res.status).toBe(200);
  const byId = new Map(Object.entries(ids).map(([k, id]) => [id, k]));
  return (res.body.data as { id: string }[]).map((r) => byId.get(r.id)).sort();
};

describe("the responses feed", () => {
  it("shows each answer's contact preference and testimonial consent, with the contact's phone and company", async () => {
    const res = await c.call("GET", "/api/v1/responses?include=contact&limit=10");
    const find = (key: string) => res.body.data.find((r: { id: string }) => r.id === ids[key]);
    expect(find("phone")).toMatchObject({
      contactPreference: "phone",
      testimonialConsentText: null,
      testimonialConsentAt: null,
      contact: { name: "鈴木 太郎", phone: "03-1234-5678", company: { name: "ACME 株式会社" } },
    });
    expect(find("consent")).toMatchObject({
      contactPreference: null,
      testimonialConsentText: CONSENT,
      testimonialConsentAt: "2026-06-04T00:31:00.000Z",
    });
  });

  it("filters by contact preference: phone, email, either, none", async () => {
    expect(await keysOf("contactPreference=phone")).toEqual(["phone"]);
    expect(await keysOf("contactPreference=email")).toEqual(["email"]);
    expect(await keysOf("contactPreference=any")).toEqual(["email", "phone"]);
    expect(await keysOf("contactPreference=none")).toEqual(["none"]);
    expect((await c.call("GET", "/api/v1/responses?contactPreference=fax")).status).toBe(422);
  });

  it("filters by testimonial consent, with the other filters", async () => {
    expect(await keysOf("testimonial=true")).toEqual(["consent"]);
    expect(await keysOf("testimonial=false")).toEqual(["email", "none", "passive", "phone", "promoter"]);
    expect(await keysOf("testimonial=true&segment=detractor")).toEqual([]);
    expect(await keysOf("testimonial=false&segment=promoter")).toEqual(["promoter"]);
  });
});

describe("the CSV export", () => {
  const download = async (q: string) => {
    const res = await c.app.request(`/api/v1/responses/export.csv${q}`, {
      headers: { authorization: `Bearer ${c.key}` },
    });
    const text = (await res.text()).replace(/^\uFEFF/, "");
    return { res, rows: parse(text, { columns: true }) as Record<string, string>[] };
  };

  it("has the contact preference, the consent's exact text and its time in the workspace's zone", async () => {
    const { rows } = await download("");
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.phone!)).toMatchObject({
      contactPreference: "phone",
      contactPhone: "03-1234-5678",
      company: "ACME 株式会社",
      testimonialConsentText: "",
      testimonialConsentAt: "",
    });
    expect(byId.get(ids.consent!)).toMatchObject({
      contactPreference: "",
      testimonialConsentText: CONSENT,
      testimonialConsentAt: "2026-06-04T09:31:00+09:00",
    });
  });

  it("takes the same filters: testimonials only, named as such", async () => {
    const { res, rows } = await download("?testimonial=true");
    expect(rows.map((r) => r.id)).toEqual([ids.consent]);
    expect(res.headers.get("content-disposition")).toMatch(
      /filename="koe-testimonials-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const asked = await download("?contactPreference=any");
    expect(asked.rows.map((r) => r.contactPreference).sort()).toEqual(["email", "phone"]);
  });
});
