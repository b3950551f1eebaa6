// Settings › Embedding in a real browser: the sites that may frame survey pages are entered, checked
// (here, then by the server), saved as the server spells them and sent in the pages' CSP; the code that
// embeds a survey is there to copy. SCREENSHOTS_DIR=/tmp saves the tab in English and Japanese there.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { npsSurvey } from "./fixtures.ts";
import { startServer, type KoeServer } from "./server.ts";

const owner = { email: "owner@example.com", password: "e2e-password-1" };
const shots = process.env.SCREENSHOTS_DIR;

let server: KoeServer;
let browser: Browser;
let api: Api;
let surveyId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { KOE_ADMIN_EMAIL: owner.email, KOE_ADMIN_PASSWORD: owner.password } }),
    launchChromium(),
  ]);
  api = new Api(server);
  surveyId = (await api.createSurvey(npsSurvey)).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function embeddingTab(locale: "en-US" | "ja-JP"): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.baseUrl });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/admin/settings?tab=embed`);
  await page.getByLabel(locale === "ja-JP" ? "メールアドレス" : "Email").fill(owner.email);
  await page.getByLabel(locale === "ja-JP" ? "パスワード" : "Password").fill(owner.password);
  await page.getByRole("button", { name: locale === "ja-JP" ? "ログイン" : "Sign in" }).click();
  await page.getByRole("navigation").waitFor();
  await page.goto(`${server.baseUrl}/admin/settings?tab=embed`);
  return page;
}

const savedOrigins = async () =>
  (await api.call<{ settings: { embed: { origins: string[] } } }>("GET", "/workspace")).settings.embed
    .origins;
const framers = async () => {
  const res = await fetch(`${server.baseUrl}/s/${surveyId}`);
  return /frame-ancestors ([^;]+)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
};

describe("Settings › Embedding", () => {
  it("checks, saves and removes the sites that may embed survey pages; the pages' CSP follows", async () => {
    const page = await embeddingTab("en-US");
    await page.getByRole("heading", { name: "Sites that may embed survey pages" }).waitFor();
    expect(await framers()).toBe("'none'");

    // A path and plain http are refused here, before anything is sent.
    await page.getByLabel("Site 1", { exact: true }).fill("http://shop.example/feedback");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Enter a site as https://www.example.com: https, with no path.").waitFor();
    expect(await savedOrigins()).toEqual([]);

    // Saved as the server spells them; the survey page may now be framed by exactly these.
    await page.getByLabel("Site 1", { exact: true }).fill("https://Shop.Example/");
    await page.getByRole("button", { name: "Add a site" }).click();
    await page.getByLabel("Site 2", { exact: true }).fill("https://*.example.jp");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved. Only these sites may embed survey pages now.").waitFor();
    expect(await page.getByLabel("Site 1", { exact: true }).inputValue()).toBe("https://shop.example");
    expect(await savedOrigins()).toEqual(["https://shop.example", "https://*.example.jp"]);
    expect(await framers()).toBe("https://shop.example https://*.example.jp");

    // What only the server refuses is shown under its row, and nothing changes.
    await page.getByRole("button", { name: "Add a site" }).click();
    await page.getByLabel("Site 3", { exact: true }).fill("https://shop_example.com");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("must be an https origin such as https://www.example.com").waitFor();
    expect(await savedOrigins()).toEqual(["https://shop.example", "https://*.example.jp"]);

    await page.getByRole("button", { name: "Remove https://shop_example.com" }).click();
    await page.getByRole("button", { name: "Remove https://*.example.jp" }).click();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved. Only these sites may embed survey pages now.").waitFor();
    expect(await savedOrigins()).toEqual(["https://shop.example"]);
    expect(await framers()).toBe("https://shop.example");

    // The code for the survey: its link survey in an iframe on this server, ready to copy.
    expect(await page.getByLabel("Survey", { exact: true }).inputValue()).toBe(surveyId);
    const code = await page.getByLabel("Code for the page").inputValue();
    expect(code).toContain(`<iframe src="${server.baseUrl}/s/${surveyId}"`);
    await page.getByRole("button", { name: "Copy the code" }).click();
    await page.getByRole("button", { name: "✓ Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    if (shots) await page.screenshot({ path: `${shots}/settings-embed-en.png`, fullPage: true });
    await page.context().close();
  });

  it("reads in Japanese, and warns while no site may embed", async () => {
    await api.call("PATCH", "/workspace", { settings: { embed: { origins: null } } });
    const page = await embeddingTab("ja-JP");
    await page.getByRole("tab", { name: "埋め込み" }).waitFor();
    await page.getByRole("heading", { name: "アンケートを埋め込めるサイト" }).waitFor();
    await page.getByText("先に、アンケートを表示するサイトを登録してください。").waitFor();
    await page.getByLabel("サイト 1", { exact: true }).fill("https://www.hikari-cloud.example.jp");
    await page.getByRole("button", { name: "保存" }).click();
    await page
      .getByText("保存しました。アンケートページを埋め込めるのは、これらのサイトのみです。")
      .waitFor();
    expect(await page.getByText("先に、アンケートを表示するサイトを登録してください。").count()).toBe(0);
    expect(await savedOrigins()).toEqual(["https://www.hikari-cloud.example.jp"]);
    if (shots) await page.screenshot({ path: `${shots}/settings-embed-ja.png`, fullPage: true });
    await page.context().close();
  });
});
