// Answers worth acting on, from a new workspace in the admin app: the first-run checklist ticks as the
// workspace gets its touchpoint, survey and contacts; a person asks on the survey page to be called, another
// agrees to be quoted; the Responses page badges and filters them, and Testimonials shows the quote with the
// exact consent text and copies it.
import type { Page } from "playwright-core";
import { describe, expect, it, vi } from "vitest";
import { signIn, useAdminSession } from "./admin-session.ts";
import { desktopContext } from "./browser.ts";

vi.setConfig({ hookTimeout: 120_000, testTimeout: 240_000 });
const s = useAdminSession();
const wait = { timeout: 20_000 };

/** A person on the survey page from their email: score, comment, and what else they tick. */
async function answer(send: { scoreUrls: string[] }, score: number, comment: string, tick: RegExp) {
  const context = await s.browser.newContext(
    desktopContext(s.browser, { viewport: { width: 800, height: 900 } }),
  );
  const page = await context.newPage();
  await page.goto(send.scoreUrls[score]!);
  await expect.poll(() => page.locator(`#score-${score}`).isChecked(), wait).toBe(true);
  await page.getByRole("textbox").click();
  await page.keyboard.type(comment);
  await page.getByLabel(tick).check();
  await page.getByRole("button", { name: "送信する" }).click();
  await page.waitForURL(/\/thanks$/);
  await context.close();
}

const stepsDone = (page: Page) => page.locator(".setup-steps li.is-done .setup-name").allTextContents();

describe("answers worth acting on, in the admin app", () => {
  it("ticks the checklist, badges and filters the answers, and lists the testimonial with its consent", async () => {
    const context = await s.browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.server.baseUrl });
    const page = await context.newPage();
    await signIn(page, `${s.server.baseUrl}/admin/`);

    // A new workspace: the checklist, nothing done, each step with its link.
    const card = page.locator(".setup-card");
    await expect.poll(() => card.getByText("0 of 8 done").isVisible(), wait).toBe(true);
    await card.getByRole("link", { name: "Create a survey" }).click();
    await page.waitForURL(/\/admin\/surveys\/new$/);

    const tp = await s.api.call<{ id: string }>("POST", "/touchpoints", {
      name: "サポート窓口",
      kind: "support",
      channel: "email",
    });
    // Made through the API without follow-ups: it asks the editor's standard ones.
    const survey = await s.api.call<{ id: string }>("POST", "/surveys", {
      name: "サポートNPS",
      kind: "nps",
      question: { ja: "Koeを友人や同僚に薦める可能性は、どのくらいありますか？" },
      status: "active",
    });
    const contact = (email: string, name: string) =>
      s.api.call<{ id: string }>("POST", "/contacts", { email, name, locale: "ja" });
    const [caller, fan] = [
      await contact("sato@example.jp", "佐藤 一郎"),
      await contact("ito@example.jp", "伊藤 花子"),
    ];
    const sendTo = (contactId: string) =>
      s.api.call<{ scoreUrls: string[] }>("POST", "/sends", {
        surveyId: survey.id,
        contactId,
        touchpointId: tp.id,
        channel: "email",
      });
    await page.goto(`${s.server.baseUrl}/admin/`);
    await expect.poll(() => stepsDone(page), wait).toEqual(["First touchpoint", "First survey", "Contacts"]);

    // Two people answer on the survey page.
    await answer(await sendTo(caller.id), 2, "電話がつながりませんでした。", /電話で連絡してほしい/);
    const quote = "問い合わせへの回答が早く、とても助かっています。";
    await answer(await sendTo(fan.id), 10, quote, /お客様の声/);

    // Responses: the call request as a badge, and the filter keeps only those who asked.
    await page.goto(`${s.server.baseUrl}/admin/responses`);
    const cards = page.locator(".resp-card");
    await expect.poll(() => cards.count(), wait).toBe(2);
    expect(await cards.filter({ hasText: "佐藤 一郎" }).locator(".resp-flags").textContent()).toBe(
      "Asked for a call",
    );
    expect(await cards.filter({ hasText: "伊藤 花子" }).locator(".resp-flags").textContent()).toBe(
      "Testimonial consent",
    );
    await page.getByLabel("Contact request").selectOption({ label: "Asked to be contacted" });
    await expect.poll(() => cards.allTextContents(), wait).toEqual([expect.stringContaining("佐藤 一郎")]);
    expect(page.url()).toContain("contact=any");
    await page.getByLabel("Contact request").selectOption({ label: "All" });
    await page.getByRole("combobox", { name: /^Testimonial/ }).selectOption({ label: "Consented" });
    await expect.poll(() => cards.allTextContents(), wait).toEqual([expect.stringContaining("伊藤 花子")]);

    // Testimonials: the quote, who gave it, and the exact words they agreed to; the quote copies.
    await page.getByRole("navigation").getByRole("link", { name: "Testimonials" }).click();
    const quoteCard = page.locator(".quote-card");
    await expect.poll(() => quoteCard.count(), wait).toBe(1);
    expect(await quoteCard.locator("blockquote").textContent()).toBe(quote);
    expect(await quoteCard.locator(".quote-name").textContent()).toBe("伊藤 花子");
    expect(await quoteCard.locator(".quote-consent-text").textContent()).toBe(
      "このコメントをKoeのウェブサイトや資料で「お客様の声」として紹介することに同意します。",
    );
    await quoteCard.getByRole("button", { name: "Copy the comment of 伊藤 花子" }).press("Enter");
    await expect.poll(() => quoteCard.getByRole("status").textContent(), wait).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(quote);
    await context.close();
  });
});
