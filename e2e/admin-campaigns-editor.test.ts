// A campaign made in the admin app only, in a real browser against a real SMTP server: the editor with an
// attribute-filter audience and its live count (the suppressed and the address-less said apart), saved as a
// draft; the email previewed for a chosen contact; a test sent to a typed address; the launch question saying
// how many it emails and that the sender is incomplete (which must be acknowledged); then the campaign's page
// showing what went out and why one was not sent. The same in Japanese on a second campaign.
// SCREENSHOTS_DIR=/tmp saves the editor and the campaign page in both languages there.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp } from "../packages/server/test/smtp.ts";
import { signIn, useAdminSession, type AdminLocale } from "./admin-session.ts";
import { recipientOf } from "./crash-scenario.ts";
import { npsSurvey } from "./fixtures.ts";

const shots = process.env.SCREENSHOTS_DIR;
const smtp = await startTestSmtp();
const s = useAdminSession({ env: { SMTP_URL: smtp.url } });
afterAll(() => smtp.close());

beforeAll(async () => {
  await s.api.createSurvey(npsSurvey);
  await s.api.call("PATCH", "/workspace", {
    settings: { fatigue: { quietStart: "00:00", quietEnd: "00:00" } },
  });
  const people = [
    { email: "keiko.sato@example.jp", name: "佐藤 恵子", attributes: { plan: "pro" } },
    { email: "daiki.ito@example.jp", name: "伊藤 大輝", attributes: { plan: "pro" } },
    { email: "optout@example.jp", name: "配信停止 済", attributes: { plan: "pro" } },
    { email: null, externalId: "crm-42", name: "電話のみ 顧客", attributes: { plan: "pro" } },
    { email: "free.user@example.jp", name: "無料 ユーザー", attributes: { plan: "free" } },
    { email: "yui.kato@example.jp", name: "加藤 結衣", attributes: { plan: "enterprise" } },
  ];
  for (const p of people) await s.api.call("POST", "/contacts", { locale: "ja", timeZone: "UTC", ...p });
  await s.api.call("POST", "/suppressions", { email: "optout@example.jp", reason: "unsubscribed" });
});

async function signedIn(locale: AdminLocale, path: string): Promise<Page> {
  const context = await s.browser.newContext({ locale, viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/`, { locale });
  await page.goto(`${s.server.baseUrl}/admin${path}`);
  return page;
}

const mailsTo = (address: string) => smtp.messages.filter((m) => recipientOf(m) === address);

describe("the campaign editor", () => {
  it(
    "creates a campaign with a filter audience, previews, test-sends and launches it",
    { timeout: 240_000 },
    async () => {
      const page = await signedIn("en-US", "/campaigns");
      await page.getByRole("link", { name: "New campaign" }).click();
      await page.getByRole("heading", { name: "New campaign" }).waitFor();
      await page.getByLabel("Name", { exact: true }).fill("Pro plan relationship NPS");
      await page.getByLabel("Survey", { exact: true }).selectOption({ label: npsSurvey.name });
      await page.getByLabel("Contacts with these attributes").check();
      await page.getByLabel("Attribute", { exact: true }).fill("plan");
      await page.getByLabel("Value", { exact: true }).fill("pro");
      // Four pro contacts: one without an address, one unsubscribed; two are emailed.
      const count = page.locator(".audience-count");
      await count.getByText("Reaches 2 people").waitFor();
      expect(await count.innerText()).toContain(
        "4 contacts match; not emailed: 1 without an email address, 1 unsubscribed or bounced.",
      );
      await page.getByLabel("Reminders to people who have not answered").selectOption("1");
      await page.getByLabel("Days before each reminder").fill("5");
      if (shots) await page.screenshot({ path: `${shots}/campaign-editor-en.png`, fullPage: true });
      await page.getByRole("button", { name: "Save as draft" }).first().click();
      await page.getByText("Draft saved. Preview the email, send yourself a test, then launch.").waitFor();
      expect(page.url()).toMatch(/\/admin\/campaigns\/[0-9a-f-]{36}$/);

      // The email as one chosen contact would get it.
      const mail = page.locator(".campaign-mail");
      await mail.locator(".mail-subject").waitFor();
      await mail.getByLabel("Show it as sent to").fill("伊藤");
      await mail.getByRole("button", { name: "Show it as sent to: 伊藤 大輝" }).click();
      await expect.poll(() => mail.locator(".mail-head").innerText()).toContain("daiki.ito@example.jp");
      expect(await mail.locator(".mail-subject").innerText()).toBe(
        "【Hikari Cloud】1問だけのアンケートにご協力ください",
      );
      // The HTML itself, in its sandboxed frame: the chosen contact's score links.
      await page.frameLocator(".mail-frame").locator('a[href*="score=10"]').first().waitFor();

      // A test to a typed address, through the real mail server.
      await mail.getByLabel("Email address").fill("tester@example.jp");
      await mail.getByRole("button", { name: "Send test" }).click();
      await mail.getByText("Sent to tester@example.jp through the mail server.").waitFor();
      await expect.poll(() => mailsTo("tester@example.jp").length, { timeout: 15_000 }).toBe(1);
      expect(mailsTo("tester@example.jp")[0]!.subject).toMatch(/^\[TEST\]/);

      // The launch says what will happen, and that the sender is incomplete.
      await page.getByRole("button", { name: "Launch", exact: true }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("It emails 2 people.").waitFor();
      const said = await dialog.innerText();
      expect(said).toContain("Sending starts now.");
      expect(said).toContain("Up to 1 reminders to people who have not answered, 5 days apart.");
      expect(said).toContain(
        "The sender is incomplete: sender name, sender address, postal address not set.",
      );
      const go = dialog.getByRole("button", { name: "Launch", exact: true });
      expect(await go.isDisabled()).toBe(true);
      await dialog.getByLabel("Launch without them anyway").check();
      await go.click();

      await expect
        .poll(() => ["keiko.sato@example.jp", "daiki.ito@example.jp"].map((a) => mailsTo(a).length), {
          timeout: 60_000,
          interval: 250,
        })
        .toEqual([1, 1]);
      expect(mailsTo("optout@example.jp")).toEqual([]);
      expect(mailsTo("free.user@example.jp")).toEqual([]);
      // The campaign's page: what went out, and why one did not.
      const progress = page.locator(".campaign-progress-card");
      await expect.poll(() => progress.innerText(), { timeout: 30_000 }).toMatch(/Sent 2/);
      expect(await progress.innerText()).toContain("Unsubscribed, or their address bounced");
      await expect
        .poll(() => page.locator(".campaign-results").innerText(), { timeout: 30_000 })
        .toContain("0 of 2 answered");
      if (shots) await page.screenshot({ path: `${shots}/campaign-page-en.png`, fullPage: true });
      await page.context().close();
    },
  );

  it("does the same in Japanese, and the list links to the campaign", { timeout: 240_000 }, async () => {
    const page = await signedIn("ja-JP", "/campaigns/new");
    await page.getByLabel("名前", { exact: true }).fill("エンタープライズ NPS");
    await page.getByLabel("アンケート", { exact: true }).selectOption({ label: npsSurvey.name });
    await page.getByLabel("属性で絞り込んだ顧客").check();
    await page.getByLabel("属性", { exact: true }).fill("plan");
    await page.getByLabel("値", { exact: true }).fill("enterprise");
    await page.locator(".audience-count").getByText("送信対象 1人").waitFor();
    if (shots) await page.screenshot({ path: `${shots}/campaign-editor-ja.png`, fullPage: true });
    await page.getByRole("button", { name: "下書きとして保存" }).first().click();
    await page.getByText("下書きを保存しました。").waitFor();
    await page.getByRole("button", { name: "開始", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("1人にメールを送信します。").waitFor();
    expect(await dialog.innerText()).toContain("特定電子メール法");
    await dialog.getByLabel("未設定のまま開始する").check();
    await dialog.getByRole("button", { name: "開始", exact: true }).click();
    await expect.poll(() => mailsTo("yui.kato@example.jp").length, { timeout: 60_000 }).toBe(1);
    await expect
      .poll(() => page.locator(".campaign-progress-card").innerText(), { timeout: 30_000 })
      .toContain("送信済み 1");
    if (shots) await page.screenshot({ path: `${shots}/campaign-page-ja.png`, fullPage: true });

    await page.getByRole("link", { name: "キャンペーン一覧" }).click();
    await page.getByRole("link", { name: "エンタープライズ NPS" }).click();
    await page.getByRole("heading", { name: "エンタープライズ NPS" }).waitFor();
    await page.context().close();
  });
});
