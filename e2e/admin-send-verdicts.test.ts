// A mail scanner's clicks in the admin app: the contact's timeline shows each score click of a send with
// its verdict and reason, the send's details list them all, an owner accepts one as the answer (after a
// confirmation) and the timeline then shows the response; a member sees the clicks but no button.
// SCREENSHOTS_DIR=/tmp also saves the timeline and the send's details in Japanese and English there.
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  browserAgent,
  owner,
  signIn,
  useAdminSession,
  type AdminLocale,
  type Credentials,
} from "./admin-session.ts";
import type { Intent } from "./api.ts";
import { seedSurvey } from "./fixtures.ts";

const member = { email: "member@example.com", password: "e2e-password-2" };
const shots = process.env.SCREENSHOTS_DIR;
const s = useAdminSession();
let surveyId: string;
let contactId: string;
let sendId: string;

beforeAll(async () => {
  const seeded = await seedSurvey(s.api);
  surveyId = seeded.surveyId;
  contactId = seeded.contactIds.ja;
  await s.api.call("POST", "/users", { ...member, name: "Member", role: "member" });
  const send = await s.api.createSend(seeded.surveyId, contactId);
  sendId = send.id;
  // A scanner opens all eleven score links of the email at once, with a browser's user agent (only the
  // burst gives it away), and checks one link with HEAD.
  await Promise.all(send.scoreUrls.map(async (url) => (await fetch(url, { headers: browserAgent })).text()));
  await fetch(send.scoreUrls[9]!, { method: "HEAD", headers: browserAgent });
});

async function signedIn(
  who: Credentials,
  locale: AdminLocale = "en-US",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await s.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/`, { who, locale });
  return { context, page };
}

/** A page whole; with a dialog open, the window only (the backdrop covers the window, not the page). */
async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  if (!shots) return;
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage });
}

describe("a send's score clicks in the admin app", () => {
  it("were all judged bots by the server: eleven for the burst, one for the HEAD request", async () => {
    const intents = await s.api.intents(sendId);
    expect(intents).toHaveLength(12);
    const reasons = (i: Intent[]) => i.map((x) => `${x.verdict} ${x.reason}`).sort();
    expect(new Set(reasons(intents))).toEqual(new Set(["bot burst", "bot head request"]));
    expect(await s.api.responses(surveyId)).toEqual([]);
  });

  it("shows the verdicts on the timeline; an owner accepts one click and the timeline shows the answer", async () => {
    const { context, page } = await signedIn(owner);
    await page.goto(`${s.server.baseUrl}/admin/contacts/${contactId}`);
    // The timeline: the clicks' summary names the verdicts and reasons, unfolded each has its time.
    const clicks = page.locator(".tl-intents");
    await clicks.getByText("Score clicks (12)").waitFor();
    await expect.poll(() => clicks.locator("summary").innerText()).toMatch(/Bot\s*12/);
    expect(await clicks.locator("summary").innerText()).toContain(
      "Burst: several scores clicked within seconds",
    );
    expect(await clicks.locator("summary").innerText()).toContain("HEAD request: a link check, not a visit");
    await clicks.locator("summary").click();
    const rows = clicks
      .getByRole("list", { name: "Score clicks on this send, oldest first" })
      .getByRole("listitem");
    expect(await rows.count()).toBe(12);
    expect(await rows.first().locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await rows.first().innerText()).toMatch(/\d\d:\d\d:\d\d/); // seconds: a burst is seconds long
    await screenshot(page, "send-verdicts-en-timeline");

    // The send's details: every click, and the owner may accept one.
    await page.getByRole("button", { name: /^Details of the send of/ }).click();
    const dialog = page.getByRole("dialog", { name: /^Survey sent:/ });
    await dialog.waitFor();
    expect(new URL(page.url()).searchParams.get("send")).toBe(sendId);
    const table = dialog.getByRole("table");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(12);
    expect(await dialog.getByText("Not answered yet").count()).toBe(1);
    await screenshot(page, "send-verdicts-en-send", { fullPage: false });

    const nine = table.locator("tbody tr").filter({ has: page.locator(".intent-score", { hasText: /^9$/ }) });
    // Score 9 was clicked twice (GET and HEAD); the GET is the first of them.
    await nine
      .first()
      .getByRole("button", { name: /^Accept score 9/ })
      .click();
    const confirm = page.getByRole("dialog", { name: "Accept score 9 as the answer?" });
    await confirm.waitFor();
    await screenshot(page, "send-verdicts-en-confirm", { fullPage: false });
    await confirm.getByRole("button", { name: "Accept as answer" }).click();
    await dialog.getByRole("status").getByText("Score 9 is now this contact's answer.").waitFor();
    // The send's own dialog stays open after the confirmation closes.
    expect(await dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.locator(".send-answer").innerText()).toContain("Promoter");
    await expect.poll(() => nine.first().innerText()).toContain("Accepted by an admin as the answer");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("send")).toBeNull();

    // The timeline now starts with the answer.
    const first = page.locator(".timeline > li").first();
    await expect.poll(() => first.innerText()).toContain("Answered");
    expect(await first.locator(".chip").innerText()).toBe("9");
    await screenshot(page, "send-verdicts-en-answered");
    const stored = await s.api.call<{ data: { score: number; contactId: string }[] }>(
      "GET",
      `/responses?contactId=${contactId}`,
    );
    expect(stored.data.map((r) => r.score)).toEqual([9]);
    await context.close();
  });

  it("shows a member the clicks and verdicts but no button to accept one", async () => {
    const { context, page } = await signedIn(member);
    await page.goto(`${s.server.baseUrl}/admin/contacts/${contactId}?send=${sendId}`);
    const dialog = page.getByRole("dialog", { name: /^Survey sent:/ });
    await expect.poll(() => dialog.locator("tbody tr").count()).toBe(12);
    expect(await dialog.getByText("Bot", { exact: true }).count()).toBe(11);
    expect(await dialog.getByRole("button", { name: /^Accept score/ }).count()).toBe(0);
    await dialog.getByText("Only admins and owners can accept a click as the answer.").waitFor();
    await screenshot(page, "send-verdicts-en-member", { fullPage: false });
    await context.close();
  });

  it("says it all in Japanese", async () => {
    const { context, page } = await signedIn(owner, "ja-JP");
    await page.goto(`${s.server.baseUrl}/admin/contacts/${contactId}`);
    const clicks = page.locator(".tl-intents");
    await clicks.getByText("スコアのクリック（12 件）").waitFor();
    const summary = await clicks.locator("summary").innerText();
    expect(summary).toContain("ボット");
    expect(summary).toContain("確認済み");
    expect(summary).toContain("連続クリック（数秒のうちに複数のスコア）");
    expect(summary).toContain("管理者が回答として採用");
    await clicks.locator("summary").click();
    await screenshot(page, "send-verdicts-ja-timeline");
    await page.getByRole("button", { name: /の詳細$/ }).click();
    const dialog = page.getByRole("dialog", { name: /^アンケートを送信：/ });
    await expect.poll(() => dialog.locator("tbody tr").count()).toBe(12);
    expect(await dialog.getByRole("columnheader").allInnerTexts()).toEqual(
      expect.arrayContaining(["クリック日時", "スコア", "判定", "理由"]),
    );
    expect(await dialog.getByRole("button", { name: /を回答として採用$/ }).count()).toBe(11);
    await screenshot(page, "send-verdicts-ja-send", { fullPage: false });
    await context.close();
  });
});
