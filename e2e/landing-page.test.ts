// The landing page itself: usable with JavaScript off, light, and self-contained.
import type { Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { desktopContext } from "./browser.ts";
import { useE2eSession } from "./session.ts";

// Posts without scripting are taken at once (the 3-second minimum is page-posts.test.ts's), so the
// browser's quick clicks here are not asked to press again.
const s = useE2eSession({ env: { KOE_NOSCRIPT_MIN_SECONDS: "0" } });

describe("without JavaScript", () => {
  it("score, Next, the segment's follow-up, submit: the response is stored", async () => {
    const context = await s.browser.newContext(
      desktopContext(s.browser, {
        javaScriptEnabled: false,
        locale: "ja-JP",
        viewport: { width: 390, height: 844 },
      }),
    );
    const page = await context.newPage();
    await page.goto(`${s.server.baseUrl}/s/${s.surveyId}?order=A-1001&meta.plan=pro`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    expect(await page.locator("#koe-details").isVisible()).toBe(false);

    await page.locator('label[for="score-2"]').click();
    expect(await page.locator("#score-2").isChecked()).toBe(true);
    await page.getByRole("button", { name: "次へ" }).click();
    await page.waitForURL(/score=2/);
    expect(await page.locator("#score-2").isChecked()).toBe(true);
    expect(await page.getByText("どの点を改善すべきか、お聞かせいただけますか？").isVisible()).toBe(true);
    expect(await page.getByText("10点に近づけるために").isVisible()).toBe(false); // another segment's

    const comment = "サポートの電話がなかなかつながりませんでした。";
    await page.getByRole("textbox").fill(comment);
    await page.getByLabel("メールで連絡してほしい").check();
    await page.getByRole("button", { name: "送信する" }).click();
    await page.waitForURL(/\/thanks\?r=/); // the answer named in the URL (no cookie inside a frame)
    expect(await page.getByRole("heading", { name: "ご回答ありがとうございました" }).isVisible()).toBe(true);
    await context.close();

    const responses = await s.api.responses(s.surveyId);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      score: 2,
      segment: "detractor",
      comment,
      contactPreference: "email",
      source: "link",
      contactId: null,
      metadata: { orderId: "A-1001", plan: "pro" },
    });
  });
});

describe("page weight", () => {
  it("each landing page is under 15 KB over the wire and loads nothing but itself", async () => {
    const jaSend = await s.api.createSend(s.surveyId, s.contactIds.ja);
    const enSend = await s.api.createSend(s.surveyId, s.contactIds.en);
    const urls = [
      jaSend.scoreUrls[3]!, // the largest: a detractor's page with the contact choice, in Japanese
      enSend.scoreUrls[10]!,
      `${s.server.baseUrl}/s/${s.surveyId}`,
    ];
    for (const url of urls) {
      const context = await s.browser.newContext(desktopContext(s.browser));
      const requests: Request[] = [];
      context.on("request", (r) => requests.push(r));
      const page = await context.newPage();
      const res = await page.goto(url, { waitUntil: "networkidle" });
      expect(res?.status()).toBe(200);
      const sizes = await res!.request().sizes();
      const wire = sizes.responseHeadersSize + sizes.responseBodySize;
      expect(wire, url).toBeGreaterThan(1_000);
      expect(wire, url).toBeLessThan(15 * 1024);
      expect(Buffer.byteLength(await res!.text()), url).toBeLessThan(15 * 1024);
      expect(requests.map((r) => r.url())).toEqual([url]);
      await context.close();
    }
  });
});
