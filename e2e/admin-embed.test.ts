// Settings › Embedding in a real browser: the sites that may frame survey pages are entered, checked
// (here, then by the server), saved as the server spells them and sent in the pages' CSP; the code that
// embeds a survey is there to copy. SCREENSHOTS_DIR=/tmp saves the tab in English and Japanese there.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, useAdminSession, type AdminLocale } from "./admin-session.ts";
import { npsSurvey } from "./fixtures.ts";

const shots = process.env.SCREENSHOTS_DIR;
const s = useAdminSession();
let surveyId: string;

beforeAll(async () => {
  surveyId = (await s.api.createSurvey(npsSurvey)).id;
});

async function embeddingTab(locale: AdminLocale): Promise<Page> {
  const context = await s.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.server.baseUrl });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/settings?tab=embed`, { locale });
  await page.goto(`${s.server.baseUrl}/admin/settings?tab=embed`);
  return page;
}

const savedOrigins = async () =>
  (await s.api.call<{ settings: { embed: { origins: string[] } } }>("GET", "/workspace")).settings.embed
    .origins;
const framers = async () => {
  const res = await fetch(`${s.server.baseUrl}/s/${surveyId}`);
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
    expect(code).toContain(`<iframe src="${s.server.baseUrl}/s/${surveyId}"`);
    await page.getByRole("button", { name: "Copy the code" }).click();
    await page.getByRole("button", { name: "✓ Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    if (shots) await page.screenshot({ path: `${shots}/settings-embed-en.png`, fullPage: true });
    await page.context().close();
  });

  it("reads in Japanese, and warns while no site may embed", async () => {
    await s.api.call("PATCH", "/workspace", { settings: { embed: { origins: null } } });
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
