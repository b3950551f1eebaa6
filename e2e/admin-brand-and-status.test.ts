// In a real browser: the Campaigns page says why a campaign whose survey is a draft cannot launch, with the
// way to the survey, and launches once it is active; Settings › Branding takes the brand name in Japanese and
// in English, and the survey page shows the name of its language in the brand's colour.
// SCREENSHOTS_DIR=/tmp saves the pages there.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, useAdminSession, type AdminLocale } from "./admin-session.ts";
import { npsSurvey } from "./fixtures.ts";

const shots = process.env.SCREENSHOTS_DIR;
const s = useAdminSession();

async function signedIn(locale: AdminLocale, path: string): Promise<Page> {
  const context = await s.browser.newContext({ locale, viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/`, { locale });
  await page.goto(`${s.server.baseUrl}/admin${path}`);
  return page;
}

describe("a campaign on a draft survey", () => {
  it("cannot be launched from the Campaigns page, which says why and links to the survey", async () => {
    const survey = await s.api.createSurvey({ ...npsSurvey, name: "下書きのアンケート", status: "draft" });
    await s.api.call("POST", "/campaigns", {
      name: "Draft survey campaign",
      surveyId: survey.id,
      audience: { kind: "all" },
    });
    const page = await signedIn("en-US", "/campaigns");
    const row = page.locator("tr", { has: page.getByText("Draft survey campaign", { exact: true }) });
    await expect.poll(() => row.getByRole("button", { name: "Launch" }).isDisabled()).toBe(true);
    const note = row.getByRole("note");
    await expect.poll(() => note.innerText()).toContain("is a draft. Activate it first");
    if (shots) await page.screenshot({ path: `${shots}/campaign-survey-draft-en.png` });
    await note.getByRole("link", { name: "Open the survey" }).click();
    await page.waitForURL(new RegExp(`/admin/surveys/${survey.id}$`));

    await s.api.call("PATCH", `/surveys/${survey.id}`, { status: "active" });
    await page.goto(`${s.server.baseUrl}/admin/campaigns`);
    const launch = row.getByRole("button", { name: "Launch" });
    await expect.poll(() => launch.isEnabled()).toBe(true);
    await launch.click();
    // The test workspace has no sender: the warning must be acknowledged before the launch.
    await page.getByRole("dialog").getByLabel("Launch without them anyway").check();
    await page.getByRole("dialog").getByRole("button", { name: "Launch" }).click();
    await expect.poll(() => row.innerText()).toContain("Scheduled");
    await page.context().close();
  });
});

describe("the brand", () => {
  it("is named in Japanese and English in Settings › Branding, and each survey page shows its own", async () => {
    const page = await signedIn("ja-JP", "/settings");
    await page.getByLabel("ブランド名（日本語）").fill("ひかりクラウド");
    await page.getByLabel("ブランド名（英語）").fill("Hikari Cloud");
    await page.locator("input.color-text").fill("#0f766e");
    await page.getByRole("button", { name: "保存" }).first().click();
    await page.getByRole("status").getByText("保存しました").first().waitFor();
    if (shots) await page.screenshot({ path: `${shots}/settings-brand-ja.png`, fullPage: true });
    const ws = await s.api.call<{ settings: { brand: { name: Record<string, string>; color: string } } }>(
      "GET",
      "/workspace",
    );
    expect(ws.settings.brand).toMatchObject({
      name: { ja: "ひかりクラウド", en: "Hikari Cloud" },
      color: "#0f766e",
    });
    await page.context().close();

    const { brandName: _, ...settings } = npsSurvey.settings;
    const survey = await s.api.createSurvey({ ...npsSurvey, settings });
    for (const [locale, name, question] of [
      ["ja-JP", "ひかりクラウド", "ひかりクラウドを友人や同僚に薦める可能性"],
      ["en-US", "Hikari Cloud", "recommend Hikari Cloud to a friend"],
    ] as const) {
      const context = await s.browser.newContext({ locale, viewport: { width: 480, height: 900 } });
      const shown = await context.newPage();
      await shown.goto(`${s.server.baseUrl}/s/${survey.id}`);
      expect(await shown.locator(".brand").innerText()).toBe(name);
      expect(await shown.locator("h1").innerText()).toContain(question);
      const edge = await shown.locator(".card").evaluate((el) => getComputedStyle(el).borderTopColor);
      expect(edge).toBe("rgb(15, 118, 110)");
      if (shots) await shown.screenshot({ path: `${shots}/survey-brand-${locale}.png`, fullPage: true });
      await context.close();
    }
  });
});
