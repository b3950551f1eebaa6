// Screenshots of the survey pages for docs/screenshots/: each segment's landing page (score preselected
// with ?score=) and the thank-you page, in Japanese and English, on a phone (390×844), plus one desktop
// view (1280×800). Run: npx tsx e2e/screenshots.ts
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { Api } from "./api.ts";
import { desktopContext, launchChromium } from "./browser.ts";
import { seedSurvey } from "./fixtures.ts";
import { startServer } from "./server.ts";

const outDir = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const mobile = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const desktop = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
const segments = { detractor: 4, passive: 7, promoter: 10 } as const;
const locales = ["ja", "en"] as const;

const comments = {
  ja: "請求書の発行から入金の消し込みまで一つの画面で済むので、月末の作業が半日で終わるようになりました。",
  en: "Invoicing and payment matching now happen in one place, so month-end closing takes half a day.",
};

async function open(browser: Browser, locale: "ja" | "en", view: typeof mobile | typeof desktop) {
  const context = await browser.newContext(
    desktopContext(browser, { ...view, locale: locale === "ja" ? "ja-JP" : "en-US" }),
  );
  return context.newPage();
}

async function shoot(page: Page, name: string, fullPage = true) {
  const path = `${outDir}${name}.png`;
  await page.screenshot({ path, fullPage });
  console.log(`wrote docs/screenshots/${name}.png`);
}

async function main() {
  await mkdir(outDir, { recursive: true });
  const [server, browser] = await Promise.all([startServer(), launchChromium()]);
  try {
    const api = new Api(server);
    const { surveyId, contactIds } = await seedSurvey(api);
    for (const locale of locales) {
      for (const [segment, score] of Object.entries(segments)) {
        const send = await api.createSend(surveyId, contactIds[locale]);
        const page = await open(browser, locale, mobile);
        await page.goto(send.scoreUrls[score]!);
        await shoot(page, `${locale}-${segment}-mobile`);
        if (locale === "ja" && segment === "detractor") {
          const wide = await open(browser, locale, desktop);
          await wide.goto(send.scoreUrls[score]!);
          await shoot(wide, `${locale}-${segment}-desktop`, false);
          await wide.context().close();
        }
        if (segment === "promoter") {
          // A promoter answers, agrees to be quoted, and sees the thank-you page with the referral
          // call to action and the review invitation (which every respondent sees alike).
          await page.getByRole("textbox").fill(comments[locale]);
          await page.locator('input[name="testimonial"]').check();
          await page.locator('button[value="done"]').click();
          await page.waitForURL(/\/thanks$/);
          await shoot(page, `${locale}-thanks-mobile`);
        }
        await page.context().close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
