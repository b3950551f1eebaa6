// A script never answers (docs/SURVEY-PAGES.md): link-checking sandboxes run the page and may submit its
// form or dispatch events; none of that may record a response. A person's real click does, and so does a
// person with JavaScript off. The pages run under their Content-Security-Policy without a violation, and
// only the workspace's allowed sites may frame them.
// The server takes posts without scripting at once (KOE_NOSCRIPT_MIN_SECONDS=0): the minimum time is the
// server tests' (page-posts.test.ts), so nothing here waits for it.
import type { BrowserContext, Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { desktopContext, launchChromium } from "./browser.ts";
import { useE2eSession } from "./session.ts";

const s = useE2eSession({ env: { KOE_NOSCRIPT_MIN_SECONDS: "0" } });

/** A fresh desktop browser profile that reports every CSP violation and every answer-storing request. */
async function watchedContext(javaScriptEnabled = true) {
  const context = await s.browser.newContext(desktopContext(s.browser, { javaScriptEnabled }));
  const violations: string[] = [];
  const posts: Request[] = [];
  /** Each POST's path and the status the server answered. */
  const answered: [string, number][] = [];
  await context.exposeBinding("__koeViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __koeViolation: (t: string) => void }).__koeViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  context.on("console", (m) => {
    if (m.type() === "error" && /Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  context.on("request", (r) => {
    if (r.method() === "POST") posts.push(r);
  });
  context.on("response", (r) => {
    if (r.request().method() === "POST") answered.push([new URL(r.url()).pathname, r.status()]);
  });
  return { context, violations, posts, answered };
}

const answerCount = async () => (await s.api.responses(s.surveyId)).length;

/** Lets whatever the page set off (a navigation, a delayed confirm) finish. */
async function settle(page: Page) {
  await page.waitForLoadState("load");
  await page.waitForLoadState("networkidle");
}

const attacks: Record<string, string> = {
  "form.requestSubmit()": `document.getElementById('koe-form').requestSubmit()`,
  "form.requestSubmit(the submit button)": `(() => { const f = document.getElementById('koe-form');
    f.requestSubmit(f.querySelector('button[value=done]')) })()`,
  "form.submit()": `document.getElementById('koe-form').submit()`,
  "click() on the submit button": `document.querySelector('button[value=done]').click()`,
  "a dispatched click on the submit button": `document.querySelector('button[value=done]')
    .dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))`,
  "dispatched pointerdown, touchstart and keydown, a score's click(), then a dispatched click": `(() => {
    const label = document.querySelector('label[for=score-3]');
    label.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    label.dispatchEvent(new Event('touchstart', { bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    document.getElementById('score-3').click();
    label.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    document.querySelector('textarea').dispatchEvent(new InputEvent('input', { bubbles: true }));
    document.querySelector('textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    document.querySelector('button[value=done]').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  })()`,
};

describe("a script on the survey page", () => {
  it("records no response whatever it submits, clicks or dispatches", async () => {
    expect(await answerCount()).toBe(0);
    const { context, violations, posts, answered } = await watchedContext();
    for (const [name, attack] of Object.entries(attacks)) {
      const send = await s.api.createSend(s.surveyId, s.contactIds.ja);
      const page = await context.newPage();
      await page.goto(send.scoreUrls[9]!);
      expect(await page.locator("#score-9").isChecked(), name).toBe(true);
      await page.evaluate(attack);
      await settle(page);
      // Give a confirm the page might have scheduled (300 ms after an interaction) time to happen.
      await page.waitForTimeout(600);
      expect(await answerCount(), name).toBe(0);
      await page.close();
    }
    // Only form.submit() reached the server (it fires no submit event to drop); it was refused and
    // nothing else, not even a confirm, was sent.
    expect(posts).toHaveLength(1);
    expect(answered.map(([, status]) => status)).toEqual([422]);
    expect(posts.some((r) => r.url().endsWith("/confirm"))).toBe(false);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("after form.submit() the page asks to press again, and a person's press then answers", async () => {
    const before = await answerCount();
    const { context, violations } = await watchedContext();
    const send = await s.api.createSend(s.surveyId, s.contactIds.ja);
    const page = await context.newPage();
    await page.goto(send.scoreUrls[6]!);
    // Written by the script too (Playwright's fill would be a person's typing).
    await page.evaluate(`document.querySelector('textarea').value = 'サポートの返信が遅いです。'`);
    await page.evaluate(`document.getElementById('koe-form').submit()`);
    await settle(page);
    expect(await page.getByText("回答を確定するため、もう一度ボタンを押してください。").isVisible()).toBe(
      true,
    );
    expect(await page.locator("#score-6").isChecked()).toBe(true);
    expect(await page.getByRole("textbox").inputValue()).toBe("サポートの返信が遅いです。");
    expect(await answerCount()).toBe(before);
    await page.getByRole("button", { name: "送信する" }).click(); // trusted: a person's click
    await page.waitForURL(/\/thanks$/);
    const mine = await s.api.responses(s.surveyId);
    expect(mine).toHaveLength(before + 1);
    expect(mine.find((r) => r.comment === "サポートの返信が遅いです。")).toMatchObject({ score: 6 });
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe("a person", () => {
  it("clicking a score and the submit button records one response, under the page's CSP", async () => {
    const before = await answerCount();
    const { context, violations, posts } = await watchedContext();
    const send = await s.api.createSend(s.surveyId, s.contactIds.en);
    const page = await context.newPage();
    const res = await page.goto(send.scoreUrls[10]!);
    expect(res?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.click('label[for="score-9"]');
    expect(await page.getByText("What did we do especially well?").isVisible()).toBe(true); // the script ran
    await page.click('button[value="done"]');
    await page.waitForURL(/\/thanks$/);
    expect(await page.getByRole("heading", { name: "Thank you", exact: true }).isVisible()).toBe(true);
    const form = posts.find((r) => !r.url().endsWith("/confirm"));
    expect(new URLSearchParams(form?.postData() ?? "").get("h")).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new URLSearchParams(form?.postData() ?? "").has("nojs")).toBe(false);
    expect(await answerCount()).toBe(before + 1);
    expect((await s.api.intents(send.id)).map((i) => [i.score, i.verdict])).toEqual([[10, "confirmed"]]);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("with JavaScript off picks a score, presses Next, writes a comment and sends: one response", async () => {
    const before = await answerCount();
    const { context, violations, posts } = await watchedContext(false);
    const contact = await s.api.createContact({ email: "noscript@example.jp", locale: "ja" });
    const send = await s.api.createSend(s.surveyId, contact.id);
    const page = await context.newPage();
    await page.goto(send.url);
    expect(await page.locator("#koe-details").isVisible()).toBe(false);
    await page.click('label[for="score-7"]');
    await page.getByRole("button", { name: "次へ" }).click();
    await page.waitForURL(/\?score=7$/);
    await page.getByRole("textbox").fill("もう少し安ければ10点です。");
    await page.getByRole("button", { name: "送信する" }).click();
    await page.waitForURL(/\/thanks$/);
    expect(await page.getByRole("heading", { name: "ご回答ありがとうございました" }).isVisible()).toBe(true);
    // The browser said it ran no script, and carried no mark.
    expect(posts).toHaveLength(2);
    for (const r of posts) {
      const body = new URLSearchParams(r.postData() ?? "");
      expect([body.get("nojs"), body.get("h")]).toEqual(["1", ""]);
    }
    const mine = (await s.api.responses(s.surveyId)).filter((r) => r.contactId === contact.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ score: 7, segment: "passive", comment: "もう少し安ければ10点です。" });
    expect(await answerCount()).toBe(before + 1);
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe("framing", () => {
  // The customer's page is served by the browser itself (a public https origin) and frames this server on
  // 127.0.0.1: Chromium's local-network checks would refuse that before any CSP is read, so this browser
  // runs without them.
  const framingBrowser = () =>
    launchChromium(["--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights"]);

  /** A page of a site that embeds the link survey in an iframe; returns the page and its frame's URL. */
  async function embedded(context: BrowserContext, origin: string) {
    await context.route(`${origin}/**`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>Feedback</title>
          <iframe id="koe" src="${s.server.baseUrl}/s/${s.surveyId}" width="600" height="900"></iframe>`,
      }),
    );
    const page = await context.newPage();
    await page.goto(`${origin}/feedback`);
    await page.waitForLoadState("networkidle");
    return { page, frameUrl: page.frames()[1]?.url() ?? "" };
  }

  it("is refused by default; the workspace's own site embeds the survey and a person answers in it", async () => {
    const browser = await framingBrowser();
    try {
      const context = await browser.newContext(desktopContext(browser, { locale: "en-US" }));
      const surveyUrl = `${s.server.baseUrl}/s/${s.surveyId}`;
      expect((await embedded(context, "https://shop.example")).frameUrl).toBe(
        "chrome-error://chromewebdata/",
      );

      await s.api.call("PATCH", "/workspace", { settings: { embed: { origins: ["https://shop.example"] } } });
      expect((await embedded(context, "https://elsewhere.example")).frameUrl).toBe(
        "chrome-error://chromewebdata/",
      );
      const { page, frameUrl } = await embedded(context, "https://shop.example");
      expect(frameUrl).toBe(surveyUrl);
      const frame = page.frameLocator("#koe");
      const before = await answerCount();
      await frame.locator('label[for="score-10"]').click();
      await frame.getByRole("textbox").fill("Embedded right in the help centre: easy.");
      await frame.locator("button[value=done]").click();
      // The thank-you page, though a frame on another site keeps no cookie of this server.
      await expect.poll(() => frame.getByRole("heading", { name: "Thank you", exact: true }).count()).toBe(1);
      expect(await answerCount()).toBe(before + 1);
      await context.close();
    } finally {
      await browser.close();
      await s.api.call("PATCH", "/workspace", { settings: { embed: { origins: null } } });
    }
  });
});
