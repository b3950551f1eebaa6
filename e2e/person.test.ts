// A person answering from the email: one response, with the score, segment and comment they gave.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { StoredResponse } from "./api.ts";
import { desktopContext } from "./browser.ts";
import { useE2eSession } from "./session.ts";

const s = useE2eSession();

/** A phone-sized page in a fresh browser profile, as a person opening the email on their phone. */
async function phone(): Promise<Page> {
  const context = await s.browser.newContext(
    desktopContext(s.browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }),
  );
  return context.newPage();
}

async function responsesOf(contactId: string): Promise<StoredResponse[]> {
  return (await s.api.responses(s.surveyId)).filter((r) => r.contactId === contactId);
}

/** Waits until the send's response exists (the page confirms in the background). */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("a person answering from the email", () => {
  it("clicks 3, writes a comment, asks to be called, submits: one detractor response", async () => {
    const before = (await s.api.responses(s.surveyId)).length;
    const send = await s.api.createSend(s.surveyId, s.contactIds.ja);
    const page = await phone();
    await page.goto(send.scoreUrls[3]!);
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    await expect.poll(() => page.locator("#score-3").isChecked()).toBe(true);
    const followUp = page.getByText("どの点を改善すべきか、お聞かせいただけますか？");
    expect(await followUp.isVisible()).toBe(true);

    const comment = "請求書の画面が分かりにくく、毎月の締め作業に時間がかかります。";
    await page.getByRole("textbox").click();
    await page.keyboard.type(comment);
    await page.getByLabel("電話で連絡してほしい").check();
    await page.getByRole("button", { name: "送信する" }).click();
    await page.waitForURL(/\/thanks$/);
    expect(await page.getByRole("heading", { name: "ご回答ありがとうございました" }).isVisible()).toBe(true);
    await page.context().close();

    const mine = await responsesOf(s.contactIds.ja);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      score: 3,
      segment: "detractor",
      comment,
      contactPreference: "phone",
      source: "email",
    });
    expect(await s.api.responses(s.surveyId)).toHaveLength(before + 1);
    const report = await s.api.nps(s.surveyId);
    expect(report).toMatchObject({ n: before + 1, detractors: 1 });
  });

  it("opens the 10 link, changes to 9, submits: one promoter response with 9", async () => {
    const send = await s.api.createSend(s.surveyId, s.contactIds.en);
    const page = await phone();
    await page.goto(send.scoreUrls[10]!);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.locator("#score-10").isChecked()).toBe(true);
    await page.locator('label[for="score-9"]').click();
    expect(await page.locator("#score-9").isChecked()).toBe(true);
    expect(await page.getByText("What did we do especially well?").isVisible()).toBe(true);
    await page.getByRole("textbox").fill("Month-end closing takes half the time it used to.");
    await page.getByRole("button", { name: "Send" }).click();
    await page.waitForURL(/\/thanks$/);
    expect(await page.getByRole("heading", { name: "Thank you", exact: true }).isVisible()).toBe(true);
    // The promoter's call to action and the review invitation (shown to everyone alike).
    expect(await page.getByRole("link", { name: "Refer a colleague" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Write a review on Google" }).isVisible()).toBe(true);
    await page.context().close();

    const mine = await responsesOf(s.contactIds.en);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      score: 9,
      segment: "promoter",
      comment: "Month-end closing takes half the time it used to.",
    });
    const intents = await s.api.intents(send.id);
    expect(intents.map((i) => [i.score, i.verdict])).toEqual([[10, "confirmed"]]);
  });
});

describe("a person who only clicks a score and closes the tab", () => {
  it("is counted once, through the page's confirm", async () => {
    const contact = await s.api.createContact({
      email: "taro.suzuki@example.jp",
      name: "鈴木 太郎",
      locale: "ja",
    });
    const send = await s.api.createSend(s.surveyId, contact.id);
    const page = await phone();
    await page.goto(send.url); // the "answer the survey" link: no score preselected
    expect(await page.locator("#koe-details").isVisible()).toBe(false);
    await page.locator('label[for="score-7"]').click();
    await page.close(); // at once: no submit, no waiting for the page
    await page.context().close();

    const mine = await eventually(
      () => responsesOf(contact.id),
      (r) => r.length > 0,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ score: 7, segment: "passive", comment: null });
  });
});
