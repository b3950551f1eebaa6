// The new user's whole job, from the admin app only (issue 13): a customer-experience manager at a Japanese
// SaaS company installs Koe (`koe serve`, no demo, no account yet), creates the owner account on the first
// page, sets the email sender and the brand, creates a touchpoint and an NPS survey, imports a 200-row
// customer list with bad rows and an Excel (CP932) file, creates and launches a campaign to a real SMTP
// server started here, watches its progress, and — as one customer, in a browser of their own — answers
// one email with a 3, asking to be emailed; back in the admin app the NPS and the request appear.
// Every action goes through the pages; the API (the bootstrap key) is only read, to check what they say.
// SCREENSHOTS_DIR=/tmp/journey saves each step's page there.
import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp, type TestSmtp } from "../packages/server/test/smtp.ts";
import { Api } from "./api.ts";
import { desktopContext, launchChromium } from "./browser.ts";
import { recipientOf } from "./crash-scenario.ts";
import { customerList, tradeShowCsv, tradeShowPeople } from "./journey-fixtures.ts";
import { startServer, type KoeServer } from "./server.ts";

const shots = process.env.SCREENSHOTS_DIR;
const step = 90_000; // one step of the journey on a busy 2-core machine; the file's limit is far above

const manager = { email: "cx@hikari-cloud.example.jp", name: "佐藤 花子", password: "hikari-nps-2026" };
const sender = {
  name: "Hikari Cloud カスタマーサクセス",
  address: "nps@hikari-cloud.example.jp",
  postal: "〒100-0005 東京都千代田区丸の内1-2-3",
};
const brand = { ja: "ひかりクラウド", en: "Hikari Cloud", color: "#0f766e" };
const touchpoint = { name: "年次リレーションシップ調査", team: "カスタマーサクセス" };
const surveyName = "2026年下期 リレーションシップNPS";
const campaignName = "2026年12月 リレーションシップNPS";
const customers = customerList("crm");
const person = tradeShowPeople[0]; // 山田 太郎, from the CP932 file: the customer who answers
const comment = "請求書の画面が分かりにくく、毎月の締め作業に時間がかかります。";

let smtp: TestSmtp;
let server: KoeServer;
let browser: Browser;
let api: Api;
let page: Page;

beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser] = await Promise.all([startServer({ env: { SMTP_URL: smtp.url } }), launchChromium()]);
  api = new Api(server);
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
  if (shots) await mkdir(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

let shot = 0;
async function screenshot(name: string) {
  if (!shots) return;
  shot++;
  await page.screenshot({
    path: `${shots}/journey-${String(shot).padStart(2, "0")}-${name}.png`,
    fullPage: true,
  });
}

/** Goes to a page through the app's own navigation, as the manager would. */
async function open(item: string) {
  await page.getByRole("navigation").getByRole("link", { name: item, exact: true }).click();
}

/** A card of a page (a section) by its heading. */
const card = (heading: string) =>
  page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });

describe("a new user runs an NPS programme from the admin app only", () => {
  it(
    "creates the owner account on the first page and is signed in",
    async () => {
      await page.goto(`${server.baseUrl}/admin/`);
      await page.getByRole("heading", { name: "Koe の初期設定" }).waitFor();
      await screenshot("first-run");
      await page.getByLabel("メールアドレス").fill(manager.email);
      await page.getByLabel("お名前").fill(manager.name);
      await page.getByLabel("パスワード").fill(manager.password);
      await page.getByRole("button", { name: "オーナーを作成してログイン" }).click();
      await page.getByRole("navigation").getByRole("link", { name: "概要" }).waitFor();
      await expect.poll(() => page.getByText(manager.name).count()).toBeGreaterThan(0);
      await screenshot("overview-empty");
    },
    step,
  );

  it(
    "sets the email sender and the brand in Settings",
    async () => {
      await open("設定");
      const senderCard = card("メールの送信者");
      await senderCard.getByLabel("送信者名").fill(sender.name);
      await senderCard.getByLabel("送信元メールアドレス").fill(sender.address);
      await senderCard.getByLabel("所在地").fill(sender.postal);
      await senderCard.getByRole("button", { name: "保存" }).click();
      await senderCard.getByRole("status").getByText("保存しました").waitFor();

      const brandCard = card("ブランド");
      await brandCard.getByLabel("ブランド名（日本語）").fill(brand.ja);
      await brandCard.getByLabel("ブランド名（英語）").fill(brand.en);
      await brandCard.getByLabel("ブランドカラー", { exact: true }).fill(brand.color);
      await brandCard.getByRole("button", { name: "保存" }).click();
      await brandCard.getByRole("status").getByText("保存しました").waitFor();
      await screenshot("settings-brand");

      // Quiet hours (21:00–08:00 by default, on each customer's clock) would hold the campaign until the
      // morning when this runs at night in Japan: the same time twice turns them off.
      await page.getByRole("tab", { name: "配信頻度" }).click();
      const fatigue = page.getByRole("tabpanel", { name: "配信頻度" });
      const quiet = fatigue.getByRole("group", { name: "配信を控える時間帯" });
      await quiet.getByLabel("開始時刻").fill("00:00");
      await quiet.getByLabel("終了時刻").fill("00:00");
      await fatigue.getByRole("button", { name: "保存" }).click();
      await fatigue.getByRole("status").getByText("保存しました").waitFor();

      const ws = await api.call<{ settings: Record<string, Record<string, unknown>> }>("GET", "/workspace");
      expect(ws.settings.sender).toMatchObject({
        name: sender.name,
        address: sender.address,
        postalAddress: sender.postal,
      });
      expect(ws.settings.brand).toMatchObject({ name: { ja: brand.ja, en: brand.en }, color: brand.color });
      expect(ws.settings.fatigue).toMatchObject({ quietStart: "00:00", quietEnd: "00:00" });
    },
    step,
  );

  it(
    "creates a touchpoint on the Touchpoints page",
    async () => {
      await open("タッチポイント");
      await page.getByRole("button", { name: "タッチポイントを作成" }).click();
      const dialog = page.getByRole("dialog", { name: "タッチポイントを作成" });
      await dialog.getByLabel("名前").fill(touchpoint.name);
      await dialog.getByLabel("種類").selectOption({ label: "プロダクト" });
      await dialog.getByLabel("チャネル").selectOption({ label: "メール" });
      await dialog.getByLabel("チーム").fill(touchpoint.team);
      await dialog.getByLabel("ジャーニー段階").selectOption({ label: "利用" });
      await screenshot("touchpoint-new");
      await dialog.getByRole("button", { name: "作成", exact: true }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByRole("link", { name: touchpoint.name }).waitFor();
      const list = await api.call<{ data: Record<string, unknown>[] }>("GET", "/touchpoints");
      expect(list.data).toEqual([
        expect.objectContaining({
          name: touchpoint.name,
          kind: "product",
          channel: "email",
          team: touchpoint.team,
          journeyStage: "adoption",
        }),
      ]);
    },
    step,
  );

  it(
    "creates an NPS survey in the survey editor and makes it active",
    async () => {
      await open("アンケート");
      await page.getByRole("link", { name: "アンケートを作成" }).first().click();
      await page.getByRole("heading", { name: "新しいアンケート" }).waitFor();
      await page.getByLabel("アンケート名").fill(surveyName);
      await page.getByLabel("ステータス").selectOption({ label: "公開中" });
      await screenshot("survey-new");
      await page.getByRole("button", { name: "アンケートを作成" }).first().click();
      await page.getByRole("status").getByText("アンケートを作成しました。").waitFor();
      const surveys = await api.call<{
        data: { name: string; status: string; settings: Record<string, unknown> }[];
      }>("GET", "/surveys");
      expect(surveys.data).toEqual([
        expect.objectContaining({
          name: surveyName,
          status: "active",
          settings: expect.objectContaining({ askContactPreference: true }),
        }),
      ]);
    },
    step,
  );

  it.todo("imports the 200-row customer list, its bad rows reported by line and reason");
  it.todo("imports the Excel (CP932) file: Japanese names arrive intact");
  it.todo("creates and launches a campaign to everyone, and watches its progress reach sent");
  it.todo("one customer answers the email in their own browser: a 3, with a comment, asking to be emailed");
  it.todo("the NPS and the detractor's request appear in the admin app");
});

// Used by the steps still to come (kept here so the fixtures are checked by the type checker now).
void [customers, tradeShowCsv, person, comment, campaignName, recipientOf, desktopContext];
