// The Campaigns page in a real browser. A CSV audience goes to the server as the file's bytes: Excel's
// Shift_JIS arrives intact (山田 太郎, not mojibake), addresses given twice and rows not added are shown by
// line, and a file with bytes that are not text is refused naming the line, adding nobody. A campaign's
// progress says what will happen: reminders only for people who will get one (not those who answered or
// unsubscribed), messages held in quiet hours with until when.
// SCREENSHOTS_DIR=/tmp saves the page in Japanese and English there.
import iconv from "iconv-lite";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserAgent, signIn, useAdminSession, type AdminLocale } from "./admin-session.ts";
import type { SendLinks } from "./api.ts";
import { npsSurvey } from "./fixtures.ts";

const shots = process.env.SCREENSHOTS_DIR;
const s = useAdminSession();
let surveyId: string;

interface Progress {
  sent: number;
  skipped: number;
  held: { reason: string; count: number }[];
  reminders: { queued: number; willSkip: number };
}

const progress = (id: string) => s.api.call<Progress>("GET", `/campaigns/${id}/progress`);
const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

async function contacts(prefix: string, n: number): Promise<{ id: string; email: string }[]> {
  const made = [];
  for (let i = 1; i <= n; i++) {
    const email = `${prefix}${i}@example.jp`;
    const c = await s.api.createContact({ email, name: `顧客 ${prefix}${i}`, locale: "ja", timeZone: "UTC" });
    made.push({ id: c.id, email });
  }
  return made;
}

/** The contact answers 9 through the email's link, as the worker sent it (confirmed by an admin). */
async function answer(contactId: string) {
  const timeline = await s.api.call<{ data: { type: string; id: string }[] }>(
    "GET",
    `/contacts/${contactId}/timeline`,
  );
  const sendId = timeline.data.find((e) => e.type === "send")!.id;
  const send = await s.api.call<SendLinks & { intents: { id: string }[] }>("GET", `/sends/${sendId}`);
  await (await fetch(send.scoreUrls[9]!, { headers: browserAgent })).text();
  const clicked = await s.api.call<{ intents: { id: string }[] }>("GET", `/sends/${sendId}`);
  await s.api.call("POST", `/sends/${sendId}/intents/${clicked.intents[0]!.id}/accept`);
}

async function launch(name: string, contactIds: string[], reminders = { count: 0, afterDays: 3 }) {
  const c = await s.api.call<{ id: string }>("POST", "/campaigns", {
    name,
    surveyId,
    audience: { kind: "ids", contactIds },
    reminders,
  });
  await s.api.call("POST", `/campaigns/${c.id}/launch`);
  return c.id;
}

beforeAll(async () => {
  surveyId = (await s.api.createSurvey(npsSurvey)).id;
  await s.api.call("PATCH", "/workspace", {
    settings: { fatigue: { quietStart: "00:00", quietEnd: "00:00" } },
  });
  // Drafts whose audience is a CSV file, uploaded on the page.
  for (const name of [
    "Trade show visitors",
    "Webinar attendees",
    "展示会 来場者フォロー",
    "ウェビナー参加者",
  ])
    await s.api.call("POST", "/campaigns", { name, surveyId, audience: { kind: "csv" } });
});

async function signedIn(locale: AdminLocale): Promise<Page> {
  const context = await s.browser.newContext({ locale, viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/`, { locale });
  await page.goto(`${s.server.baseUrl}/admin/campaigns`);
  return page;
}

/** A visitors list as Excel on Japanese Windows saves it: Shift_JIS, CRLF, one address twice, one bad row. */
const visitors = (p: string) =>
  iconv.encode(
    [
      "email,name,会社",
      `${p}-yamada@example.jp,山田 太郎,ひかり商事`,
      `${p}-takahashi@example.jp,髙橋 一郎,株式会社①`,
      "not-an-address,鈴木 花子,",
      `${p}-YAMADA@example.jp,山田 次郎,`,
      "",
    ].join("\r\n"),
    "cp932",
  );
/** The same list with a cut-off character on line 3. */
const broken = (p: string) =>
  Buffer.concat([
    iconv.encode(`email,name\r\n${p}-sato@example.jp,佐藤\r\n${p}-ito@example.jp,伊`, "cp932"),
    Buffer.from([0x93]),
    iconv.encode(`\r\n${p}-abe@example.jp,阿部\r\n`, "cp932"),
  ]);

function row(page: Page, name: string) {
  return page.locator("tr", { has: page.getByText(name, { exact: true }) });
}

async function upload(page: Page, name: string, file: string, bytes: Buffer) {
  await row(page, name)
    .locator('input[type="file"]')
    .setInputFiles({ name: file, mimeType: "text/csv", buffer: bytes });
}

describe("the Campaigns page", () => {
  it("sends, then counts reminders only for those who will get one", async () => {
    const people = await contacts("r", 8);
    const id = await launch(
      "2026年12月 リレーションシップNPS",
      people.map((p) => p.id),
      { count: 1, afterDays: 3 },
    );
    await expect.poll(async () => (await progress(id)).sent, { timeout: 60_000, interval: 250 }).toBe(8);
    for (const p of people.slice(0, 3)) await answer(p.id);
    await s.api.call("POST", "/suppressions", { email: people[3]!.email, reason: "unsubscribed" });
    expect((await progress(id)).reminders).toMatchObject({ queued: 4, willSkip: 4 });
  });

  it("holds a campaign's messages in quiet hours, saying until when", async () => {
    const people = await contacts("q", 5);
    await s.api.call("POST", "/suppressions", { email: people[4]!.email, reason: "bounced" });
    const now = Date.now();
    await s.api.call("PATCH", "/workspace", {
      settings: { fatigue: { quietStart: hhmm(now - 3_600_000), quietEnd: hhmm(now + 2 * 3_600_000) } },
    });
    const id = await launch(
      "オンボーディング NPS（12月）",
      people.map((p) => p.id),
    );
    await expect
      .poll(async () => (await progress(id)).held, { timeout: 60_000, interval: 250 })
      .toEqual([{ reason: "quiet_hours", count: 4, until: expect.any(String) }]);
  });

  it("uploads a Shift_JIS CSV as its bytes and shows what happened, in English", async () => {
    const page = await signedIn("en-US");
    await upload(page, "Trade show visitors", "visitors.csv", visitors("en"));
    const ok = row(page, "Trade show visitors");
    await ok
      .getByRole("status")
      .getByText("2 contacts added from “visitors.csv” (read as Shift_JIS (CP932)).")
      .waitFor();
    expect(await ok.innerText()).toContain("Line 5: same address as line 2 (en-yamada@example.jp)");
    expect(await ok.innerText()).toMatch(/Line 4:\s*email/);
    const stored = await s.api.call<{ data: { name: string; attributes: Record<string, string> }[] }>(
      "GET",
      "/contacts?q=en-yamada",
    );
    expect(stored.data).toMatchObject([{ name: "山田 太郎", attributes: { 会社: "ひかり商事" } }]);

    await upload(page, "Webinar attendees", "attendees.csv", broken("en"));
    const bad = row(page, "Webinar attendees");
    await bad
      .getByRole("alert")
      .getByText(/“attendees\.csv” could not be read: line 3 holds characters/)
      .waitFor();
    expect((await s.api.call<{ data: unknown[] }>("GET", "/contacts?q=en-sato")).data).toEqual([]);

    const running = row(page, "2026年12月 リレーションシップNPS");
    await expect
      .poll(() => running.innerText())
      .toMatch(
        /Reminders: 4 to send from .*, 4 not needed \(already answered 3, unsubscribed or bounced 1\)/,
      );
    const held = row(page, "オンボーディング NPS（12月）");
    expect(await held.innerText()).toMatch(/On hold: 4 in quiet hours, until /);
    expect(await held.innerText()).toContain("Skipped: unsubscribed or bounced 1");
    if (shots) await page.screenshot({ path: `${shots}/campaigns-en.png`, fullPage: true });
    await page.context().close();
  });

  it("says the same in Japanese", async () => {
    const page = await signedIn("ja-JP");
    await upload(page, "展示会 来場者フォロー", "来場者リスト.csv", visitors("ja"));
    const ok = row(page, "展示会 来場者フォロー");
    await ok
      .getByRole("status")
      .getByText("「来場者リスト.csv」から 2件を対象者に追加しました（文字コード：Shift_JIS (CP932)）。")
      .waitFor();
    expect(await ok.innerText()).toContain("5行目：2行目と同じアドレス（ja-yamada@example.jp）");
    await upload(page, "ウェビナー参加者", "参加者.csv", broken("ja"));
    await row(page, "ウェビナー参加者")
      .getByRole("alert")
      .getByText(/3行目に/)
      .waitFor();
    const running = row(page, "2026年12月 リレーションシップNPS");
    await expect.poll(() => running.innerText()).toMatch(/送信不要 4件（回答済み 3件、配信停止・不達 1件）/);
    expect(await row(page, "オンボーディング NPS（12月）").innerText()).toMatch(
      /保留中：配信を控える時間帯のため 4件（.* まで）/,
    );
    if (shots) await page.screenshot({ path: `${shots}/campaigns-ja.png`, fullPage: true });
    await page.context().close();
  });
});
