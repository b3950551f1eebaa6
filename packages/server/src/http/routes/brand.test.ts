// One brand everywhere: the name (per language), logo and colour of Settings › Brand reach the /s/ and /r/
// pages, their thank-you and unsubscribe pages, the editor's preview and the email, each in its own
// language; a name saved before names per language (a plain string) still works in both.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { answerSend } from "../../domain/sends/answer-send.ts";
import { loadSendContext } from "../../domain/sends/send-context.ts";
import { unsubscribeUrl } from "../../domain/suppressions/unsubscribe-token.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;

const LEGAL = "株式会社ひかりクラウド・ホールディングス";
const LOGO = "https://cdn.example.jp/hikari-logo.png";
const question = {
  ja: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？",
  en: "How likely are you to recommend {brand} to a friend or colleague?",
};

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const ws = await c.call("PATCH", "/api/v1/workspace", {
    name: LEGAL,
    settings: {
      brand: { name: { ja: "ひかりクラウド", en: "Hikari Cloud" }, logoUrl: LOGO, color: "#0F766E" },
      fatigue: { quietStart: "00:00", quietEnd: "00:00" },
    },
  });
  expect(ws.status).toBe(200);
  surveyId = (
    await c.call("POST", "/api/v1/surveys", { name: "NPS", kind: "nps", status: "active", question })
  ).body.id;
});
afterAll(() => open.close());

async function page(path: string, init: RequestInit = {}) {
  const res = await c.app.request(path, init);
  return { status: res.status, text: await res.text(), location: res.headers.get("location") };
}

/** What a branded page must show: the name of its language (not the other's, nor the legal name), logo, colour. */
function expectBranded(html: string, name: string, notName: string) {
  expect(html).toContain(name);
  expect(html).not.toContain(notName);
  expect(html).not.toContain(LEGAL);
  expect(html).toContain("--brand:#0f766e");
  expect(html).toContain(`<img src="${LOGO}"`);
}

async function newContactSend(locale: "ja" | "en", email: string) {
  const contactId = (await c.call("POST", "/api/v1/contacts", { email, locale })).body.id;
  const send = await c.call("POST", "/api/v1/sends", { surveyId, contactId });
  expect(send.status).toBe(201);
  return send.body as { id: string; url: string };
}

describe("the workspace's brand", () => {
  it("is returned per language and kept as given", async () => {
    const ws = (await c.call("GET", "/api/v1/workspace")).body;
    expect(ws.settings.brand).toEqual({
      name: { ja: "ひかりクラウド", en: "Hikari Cloud" },
      logoUrl: LOGO,
      color: "#0f766e",
    });
  });

  it("shows on the link survey in the page's language, with its logo and colour, {brand} filled", async () => {
    const ja = await page(`/s/${surveyId}`, { headers: { "accept-language": "ja" } });
    expect(ja.status).toBe(200);
    expectBranded(ja.text, "ひかりクラウド", "Hikari Cloud");
    expect(ja.text).toContain("ひかりクラウドを友人や同僚に薦める可能性");
    const en = await page(`/s/${surveyId}`, { headers: { "accept-language": "en" } });
    expectBranded(en.text, "Hikari Cloud", "ひかりクラウド");
    expect(en.text).toContain("How likely are you to recommend Hikari Cloud to a friend");
  });

  it("shows on a personal link, its thank-you page and its unsubscribe page in the contact's language", async () => {
    for (const [locale, name, other] of [
      ["en", "Hikari Cloud", "ひかりクラウド"],
      ["ja", "ひかりクラウド", "Hikari Cloud"],
    ] as const) {
      const email = `brand-${locale}@example.com`;
      const send = await newContactSend(locale, email);
      const link = new URL(send.url).pathname;
      const shown = await page(`${link}?score=9`, { headers: { "user-agent": "Mozilla/5.0 Chrome/130" } });
      expect(shown.status).toBe(200);
      expectBranded(shown.text, name, other);
      // Answered, the thank-you page carries the brand too.
      const context = await loadSendContext(c.db, c.workspaceId, send.id);
      await answerSend(c.db, context!, { score: 9, locale }, new Date());
      const thanks = await page(`${link}/thanks`);
      expect(thanks.status).toBe(200);
      expectBranded(thanks.text, name, other);
      const unsubscribe = new URL(
        unsubscribeUrl("http://koe.test", TEST_SECRET, c.workspaceId, email, send.id),
      );
      const u = await page(unsubscribe.pathname);
      expect(u.status).toBe(200);
      expectBranded(u.text, name, other);
    }
  });

  it("the English email reads the English name, the Japanese one the Japanese name", async () => {
    const en = (await c.call("POST", "/api/v1/contacts", { email: "mail-en@example.com", locale: "en" }))
      .body;
    const ja = (await c.call("POST", "/api/v1/contacts", { email: "mail-ja@example.jp", locale: "ja" })).body;
    const campaign = (
      await c.call("POST", "/api/v1/campaigns", { name: "Q4", surveyId, audience: { kind: "all" } })
    ).body;
    const mailEn = (await c.call("GET", `/api/v1/campaigns/${campaign.id}/preview?contactId=${en.id}`)).body;
    expect(mailEn.text).toContain("make Hikari Cloud better");
    expect(mailEn.text).toContain("recommend Hikari Cloud to a friend");
    expect(mailEn.subject).toContain("Hikari Cloud");
    expect(mailEn.from.name).toBe("Hikari Cloud");
    expect(`${mailEn.subject}${mailEn.text}${mailEn.html}`).not.toContain("ひかりクラウド");
    expect(mailEn.html).toContain("#0f766e");
    const mailJa = (await c.call("GET", `/api/v1/campaigns/${campaign.id}/preview?contactId=${ja.id}`)).body;
    expect(mailJa.text).toContain("ひかりクラウド");
    expect(mailJa.from.name).toBe("ひかりクラウド");
    expect(mailJa.text).not.toContain("Hikari Cloud");
  });

  it("shows in the editor's preview of the page, in the preview's language", async () => {
    const body = (locale: "ja" | "en") => ({
      survey: { name: "Draft", kind: "nps", question },
      locale,
      step: "score",
    });
    const en = await c.call("POST", "/api/v1/surveys/preview", body("en"));
    expect(en.status).toBe(200);
    expectBranded(en.body.html, "Hikari Cloud", "ひかりクラウド");
    const ja = await c.call("POST", "/api/v1/surveys/preview", body("ja"));
    expectBranded(ja.body.html, "ひかりクラウド", "Hikari Cloud");
  });
});

describe("a brand name given once (a plain string, as before names per language)", () => {
  it("is accepted by the API and is that name in both languages", async () => {
    const other = await testClient(open.db);
    const res = await other.call("PATCH", "/api/v1/workspace", { settings: { brand: { name: "Koe Mart" } } });
    expect(res.status).toBe(200);
    expect(res.body.settings.brand.name).toEqual({ ja: "Koe Mart", en: "Koe Mart" });
  });

  it("stored by an older version, still shows on the pages of both languages", async () => {
    const other = await testClient(open.db);
    await sql`update workspaces set settings = ${JSON.stringify({ brand: { name: "古い名前" } })}::jsonb
      where id = ${other.workspaceId}`.execute(other.db);
    const id = (
      await other.call("POST", "/api/v1/surveys", { name: "NPS", kind: "nps", status: "active", question })
    ).body.id;
    for (const lang of ["ja", "en"]) {
      const shown = await other.app.request(`/s/${id}`, { headers: { "accept-language": lang } });
      expect(await shown.text()).toContain("古い名前");
    }
    expect((await other.call("GET", "/api/v1/workspace")).body.settings.brand.name).toEqual({
      ja: "古い名前",
      en: "古い名前",
    });
  });

  it("as a survey's own brand, stored before names per language, reads as the same name in both", async () => {
    const id = (
      await c.call("POST", "/api/v1/surveys", {
        name: "Product NPS",
        kind: "nps",
        status: "active",
        question,
        settings: { brandName: { en: "Hikari Drive" } },
      })
    ).body.id;
    // The survey's own brand (a product's) wins in every language, in its other language when one is missing.
    const ja = await page(`/s/${id}`, { headers: { "accept-language": "ja" } });
    expect(ja.text).toContain("Hikari Driveを友人や同僚に薦める可能性");
    await sql`update surveys set settings = ${JSON.stringify({ brandName: "ひかりドライブ" })}::jsonb
      where workspace_id = ${c.workspaceId} and id = ${id}`.execute(c.db);
    expect((await c.call("GET", `/api/v1/surveys/${id}`)).body.settings.brandName).toEqual({
      ja: "ひかりドライブ",
      en: "ひかりドライブ",
    });
    const en = await page(`/s/${id}`, { headers: { "accept-language": "en" } });
    expect(en.text).toContain("recommend ひかりドライブ to a friend");
  });

  it("is refused when blank or on two lines, naming the field", async () => {
    const res = await c.call("PATCH", "/api/v1/workspace", {
      settings: { brand: { name: { ja: "ひかり\r\nBcc: x@example.com" } } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain("settings.brand.name.ja");
    const blank = await c.call("PATCH", "/api/v1/workspace", { settings: { brand: { name: "   " } } });
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].path).toBe("settings.brand.name");
    expect((await c.call("GET", "/api/v1/workspace")).body.settings.brand.name.en).toBe("Hikari Cloud");
  });
});
