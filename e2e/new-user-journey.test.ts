// The new user's whole job, from the admin app only (issue 13): a customer-experience manager at a Japanese
// SaaS company installs Koe (`koe serve`, no demo, no account yet), creates the owner account on the first
// page, sets the email sender and the brand, creates a touchpoint and an NPS survey, imports a 200-row
// customer list with bad rows and an Excel (CP932) file, creates and launches a campaign to a real SMTP
// server started here, watches its progress, and — as one customer, in a browser of their own — answers
// one email with a 3, asking to be emailed; back in the admin app the NPS and the request appear.
// Every action goes through the pages; the API (the bootstrap key) is only read, to check what they say.
// SCREENSHOTS_DIR=/tmp/journey saves each step's page there.
import { mkdir, readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp, type TestSmtp } from "../packages/server/test/smtp.ts";
import { Api } from "./api.ts";
import { desktopContext, launchChromium } from "./browser.ts";
import { recipientOf } from "./crash-scenario.ts";
import { customerList, keyCustomer, tradeShowCsv, tradeShowPeople } from "./journey-fixtures.ts";
import { startServer, type KoeServer } from "./server.ts";

const shots = process.env.SCREENSHOTS_DIR;
const step = 150_000; // one step of the journey on a busy 2-core machine; the file's limit is far above

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
const person = keyCustomer; // added by hand; the customer who answers
/** Everyone the campaign emails: each step that adds customers counts them here. */
let audience = 0;
const comment = "請求書の画面が分かりにくく、毎月の締め作業に時間がかかります。";

let smtp: TestSmtp;
let server: KoeServer;
let browser: Browser;
let api: Api;
let page: Page;

beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser] = await Promise.all([
    startServer({ env: { SMTP_URL: smtp.url }, timeoutMs: 200_000 }),
    launchChromium(),
  ]);
  api = new Api(server);
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1360, height: 900 } });
  // Generous waits: the machine may be busy; each waits on something the page shows, never on time.
  context.setDefaultTimeout(45_000);
  page = await context.newPage();
  if (shots) await mkdir(shots, { recursive: true });
}, 240_000); // a cold `koe serve` on a machine busy with other tests
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
      // A new workspace says what is left to do before the first survey goes out.
      await page.getByRole("heading", { name: "はじめての配信までの準備" }).waitFor();
      await page.getByText(/8 項目中 0 項目完了/).waitFor();
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

  it(
    "adds one customer by hand on the Contacts page, with a phone number and a tag",
    async () => {
      await open("顧客");
      await page.getByRole("button", { name: "顧客を追加" }).first().click();
      const dialog = page.getByRole("dialog", { name: "顧客を追加" });
      await dialog.getByLabel("氏名").fill(keyCustomer.name);
      await dialog.getByLabel("メールアドレス").fill(keyCustomer.email);
      await dialog.getByLabel("電話番号").fill(keyCustomer.phone);
      await dialog.getByLabel("言語", { exact: true }).selectOption({ label: "日本語" });
      await dialog.getByRole("textbox", { name: "タグ" }).fill(keyCustomer.tag);
      await dialog.getByRole("textbox", { name: "タグ" }).press("Enter");
      await screenshot("contact-new");
      await dialog.getByRole("button", { name: "顧客を追加" }).click();
      await dialog.waitFor({ state: "hidden" });
      // Added, the manager is on the customer's page.
      await page.getByRole("heading", { name: keyCustomer.name }).waitFor();
      await page.getByText(keyCustomer.phone).first().waitFor();
      audience += 1;
    },
    step,
  );

  it(
    "imports the 200-row customer list: the columns matched, one left out, the bad rows reported by line and reason",
    async () => {
      await open("顧客");
      await page.getByRole("link", { name: "CSV をインポート" }).click();
      await page.getByRole("heading", { name: "顧客のインポート" }).waitFor();
      await chooseFile("crm-export.csv", customers.csv);
      await page.getByText(/crm-export\.csv・.+・200 行/).waitFor();
      // The columns as guessed from their headers; the CRM's internal notes are not for Koe.
      const target = (column: string) => page.getByLabel(`列「${column}」の取り込み先`);
      const guessed = await Promise.all(
        ["email", "name", "locale", "company", "phone", "plan"].map((c) => target(c).inputValue()),
      );
      expect(guessed).toEqual(["email", "name", "locale", "company", "phone", "attribute"]);
      await target("社内メモ").selectOption({ label: "取り込まない" });
      await page.getByRole("cell", { name: customers.samples[0]!.email }).first().waitFor();
      await screenshot("import-mapping");
      await page.getByRole("button", { name: "200 行をインポート" }).click();

      await page.getByRole("heading", { name: "インポートが完了しました" }).waitFor({ timeout: 120_000 });
      await page
        .getByText(
          `crm-export.csv の 200 行：新規作成 ${customers.good} 件、更新 0 件、変更なし 0 件、取り込めなかった行 ${customers.bad.length} 件。`,
        )
        .waitFor();
      const errors = card("取り込めなかった行");
      const rows = errors.getByRole("row");
      await expect.poll(() => rows.count()).toBe(customers.bad.length + 1);
      for (const bad of customers.bad) {
        const row = rows.filter({ has: page.getByRole("cell", { name: String(bad.line), exact: true }) });
        expect(await row.innerText()).toMatch(
          new RegExp(`${bad.column}\\s+${bad.reason.replace(/[()（）]/g, ".")}`),
        );
      }
      await screenshot("import-done");
      // The error report, as downloaded, names the same lines.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        errors.getByRole("link", { name: "エラーレポートをダウンロード（CSV）" }).click(),
      ]);
      const report = (await readFile((await download.path())!)).toString("utf8");
      for (const bad of customers.bad) expect(report).toContain(bad.reason);
      audience += customers.good;
    },
    step,
  );

  it(
    "imports the Excel (CP932) file: Japanese names arrive intact; the same file again changes nothing",
    async () => {
      await page.getByRole("button", { name: "別のファイルをインポート" }).click();
      await chooseFile("展示会来場者.csv", tradeShowCsv());
      await page.getByText(/展示会来場者\.csv・.*(Shift_JIS|CP932).*・4 行/).waitFor();
      const target = (column: string) => page.getByLabel(`列「${column}」の取り込み先`);
      const guessed = await Promise.all(
        ["メールアドレス", "氏名", "会社名", "電話番号"].map((c) => target(c).inputValue()),
      );
      expect(guessed).toEqual(["email", "name", "company", "phone"]);
      for (const p of tradeShowPeople) await page.getByRole("cell", { name: p.name }).first().waitFor();
      await screenshot("import-cp932");
      await page.getByRole("button", { name: "4 行をインポート" }).click();
      await page
        .getByText(
          "展示会来場者.csv の 4 行：新規作成 4 件、更新 0 件、変更なし 0 件、取り込めなかった行 0 件。",
        )
        .waitFor({ timeout: 120_000 });
      await page.getByText("すべての行を取り込みました。").waitFor();
      audience += tradeShowPeople.length;

      // Imported twice by mistake: nobody is added or changed.
      await page.getByRole("button", { name: "別のファイルをインポート" }).click();
      await chooseFile("展示会来場者.csv", tradeShowCsv());
      await page.getByRole("button", { name: "4 行をインポート" }).click();
      await page
        .getByText(
          "展示会来場者.csv の 4 行：新規作成 0 件、更新 0 件、変更なし 4 件、取り込めなかった行 0 件。",
        )
        .waitFor({ timeout: 120_000 });

      // In the contacts list, found by a name in kanji that Shift_JIS has only as an extension.
      await page.getByRole("link", { name: "顧客一覧へ" }).click();
      await page.getByLabel("顧客を検索").fill("髙橋");
      await page.getByRole("link", { name: "髙橋 一郎" }).waitFor();
      await screenshot("contacts-search");
      await page.getByLabel("顧客を検索").fill("");
      for (const p of tradeShowPeople.slice(1))
        await page.getByRole("link", { name: p.name }).first().waitFor();
    },
    step,
  );

  it(
    "creates a campaign to every customer, previews it, sends a test and launches it",
    async () => {
      await open("キャンペーン");
      await page.getByRole("link", { name: "新規キャンペーン" }).first().click();
      await page.getByRole("heading", { name: "新規キャンペーン" }).waitFor();
      await page.getByLabel("名前", { exact: true }).fill(campaignName);
      await page.getByLabel("アンケート", { exact: true }).selectOption({ label: surveyName });
      await page.getByLabel("タッチポイント", { exact: true }).selectOption({ label: touchpoint.name });
      await page.getByRole("radio", { name: "メールアドレスのあるすべての顧客" }).check();
      await page.getByRole("status").getByText(`送信対象 ${audience}人`).waitFor();
      await page.getByRole("radio", { name: "開始と同時に送信" }).check();
      await page.getByLabel("未回答者へのリマインド回数").selectOption({ label: "1回" });
      await page.getByLabel("リマインドまでの日数").fill("5");
      await screenshot("campaign-new");
      await page.getByRole("button", { name: "下書きとして保存" }).first().click();
      await page
        .getByRole("status")
        .getByText(/^下書きを保存しました。/)
        .waitFor();

      // The email as a customer gets it: from the sender set in Settings, with the brand's name.
      const preview = card("メールのプレビュー");
      await preview.getByText(`${sender.name} <${sender.address}>`).waitFor();
      await preview.getByText(`【${brand.ja}】`).first().waitFor();
      // A test to the manager's own address, through the real mail server.
      expect(await preview.getByLabel("送信先メールアドレス").inputValue()).toBe(manager.email);
      await preview.getByRole("button", { name: "テスト送信" }).click();
      await preview
        .getByRole("status")
        .getByText(`${manager.email} に送信しました（メールサーバー経由）。`)
        .waitFor();
      await expect
        .poll(() => smtp.messages.filter((m) => recipientOf(m) === manager.email).length, { timeout: 30_000 })
        .toBe(1);
      const test = smtp.messages.find((m) => recipientOf(m) === manager.email)!;
      expect(test.subject).toMatch(/^\[TEST\]/);
      await screenshot("campaign-draft");

      await page.getByRole("button", { name: "開始", exact: true }).click();
      const launch = page.getByRole("dialog", { name: `「${campaignName}」を開始しますか？` });
      await launch.getByText(`${audience}人にメールを送信します。`).waitFor();
      // The sender is complete: no warning about the Act on Specified Electronic Mail.
      expect(await launch.getByRole("alert").count()).toBe(0);
      await screenshot("campaign-launch");
      await launch.getByRole("button", { name: "開始", exact: true }).click();
      await launch.waitFor({ state: "hidden" });
    },
    step,
  );

  it("watches the progress until every message is sent", async () => {
    // The page asks again every few seconds while the campaign runs (its reminder is still to come).
    await page.getByText("配信中", { exact: true }).first().waitFor();
    await page.getByRole("status").getByText("数秒ごとに更新しています").waitFor();
    const bar = page.getByRole("img", { name: `${audience} 件中 ${audience} 件を送信` });
    await bar.waitFor({ timeout: 240_000 });
    await page.getByText(`送信済み ${audience}`).first().waitFor();
    await screenshot("campaign-sent");
    await expect.poll(() => smtp.messages.length, { timeout: 30_000 }).toBe(audience + 1);
    // Everyone once, nobody twice.
    const to = smtp.messages.map(recipientOf);
    expect(new Set(to).size).toBe(to.length);
  }, 300_000);

  it(
    "one customer answers the email in their own browser: a 3, with a comment, asking to be called",
    async () => {
      const mail = smtp.messages.find((m) => recipientOf(m) === person.email)!;
      expect(mail.subject).toContain(`【${brand.ja}】`);
      expect(mail.from?.value[0]).toMatchObject({ name: sender.name, address: sender.address });
      expect(mail.text).toContain(`${person.name}様`);
      expect(mail.text).toContain(sender.postal);
      const three = [...String(mail.html).matchAll(/href="([^"]+\?score=3)"/g)][0]![1]!.replace(
        /&amp;/g,
        "&",
      );

      // The customer's own browser: no admin cookies.
      const context = await browser.newContext(desktopContext(browser, { locale: "ja-JP" }));
      const answer = await context.newPage();
      await answer.goto(three);
      await expect.poll(() => answer.locator("#score-3").isChecked()).toBe(true);
      await answer.locator('label[for="score-3"]').click();
      await answer.getByText("どの点を改善すべきか").first().waitFor();
      await answer.getByRole("textbox").click();
      await answer.keyboard.type(comment);
      await answer.getByLabel("電話で連絡してほしい").check();
      if (shots) await answer.screenshot({ path: `${shots}/journey-person-answer.png`, fullPage: true });
      await answer.getByRole("button", { name: "送信する" }).click();
      await answer.waitForURL(/\/thanks/);
      await answer.getByRole("heading", { name: "ご回答ありがとうございました" }).waitFor();
      await context.close();
    },
    step,
  );

  it(
    "sees the NPS and the detractor's request in the admin app",
    async () => {
      // The campaign's page (still open) reads the answer on its next refresh.
      const results = card("回答");
      await expect
        .poll(() => results.getByTestId("nps-value").innerText(), { timeout: 30_000 })
        .toMatch(/^[−-]100(\.0)?$/);
      await results.getByText(comment).waitFor();
      await results.getByRole("link", { name: person.name }).waitFor();
      // The reminder will go only to those who have not answered.
      await page.getByText(/送信不要 1件（回答済み 1件）/).waitFor();
      await screenshot("campaign-answered");

      await open("概要");
      await expect.poll(() => page.getByTestId("nps-value").first().innerText()).toMatch(/^[−-]100(\.0)?$/);
      // Everything on the first-run checklist is done.
      await page.getByText("準備が整いました").waitFor();
      await expect.poll(() => page.getByText("読み込み中…").count()).toBe(0);
      await screenshot("overview");

      await open("回答");
      await page.getByLabel("連絡の希望").selectOption({ label: "連絡を希望" });
      const cards = page.locator("article");
      await expect.poll(() => cards.count()).toBe(1);
      const answered = cards.first();
      await answered.getByText("電話を希望").waitFor();
      await answered.getByRole("link", { name: `${person.phone} に電話` }).waitFor();
      await answered.getByText(comment).waitFor();
      await answered.getByText(person.name).waitFor();
      await screenshot("responses");
      // The same in English, for a colleague who reads it.
      await page.getByRole("button", { name: "English" }).click();
      await answered.getByText("Asked for a call").waitFor();
      await answered.getByRole("link", { name: `Call ${person.phone}` }).waitFor();
      await page.getByRole("button", { name: "日本語" }).click();
      await answered.getByText("電話を希望").waitFor();
    },
    step,
  );
});

/** Picks a file the way a person does: the button opens the file chooser. */
async function chooseFile(name: string, buffer: Buffer) {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "CSV ファイルを選択…" }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: "text/csv", buffer });
}
