// A new installation (`koe serve`, no KOE_ADMIN_*): the admin app offers to create the first owner, signs
// them in, and from then on shows the ordinary sign-in to everyone else.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Api } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { startServer, type KoeServer } from "./server.ts";

let server: KoeServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("creates the first owner from the sign-in page, then asks everyone else to sign in", async () => {
  const first = await browser.newContext({ locale: "ja-JP" });
  const page = await first.newPage();
  await page.goto(`${server.baseUrl}/admin/`);
  await page.getByRole("heading", { name: "Koe の初期設定" }).waitFor();
  await page.getByLabel("メールアドレス").fill("founder@example.jp");
  await page.getByLabel("お名前").fill("佐藤 花子");
  await page.getByLabel("パスワード").fill("short");
  await page.getByRole("button", { name: "オーナーを作成してログイン" }).click();
  // The browser's own check stops a password under 8 characters before it is sent.
  expect(await page.getByLabel("パスワード").evaluate((e) => (e as HTMLInputElement).validity.valid)).toBe(
    false,
  );
  await page.getByLabel("パスワード").fill("a long enough password");
  await page.getByRole("button", { name: "オーナーを作成してログイン" }).click();
  await page.getByRole("link", { name: "概要" }).waitFor();
  await expect.poll(() => page.getByText("佐藤 花子").count()).toBeGreaterThan(0);

  const users = await new Api(server).call<{ data: { email: string; role: string }[] }>("GET", "/users");
  expect(users.data).toEqual([expect.objectContaining({ email: "founder@example.jp", role: "owner" })]);

  const other = await browser.newContext({ locale: "ja-JP" });
  const late = await other.newPage();
  await late.goto(`${server.baseUrl}/admin/`);
  await late.getByRole("heading", { name: "Koe にログイン" }).waitFor();
  expect(await late.getByLabel("お名前").count()).toBe(0);
  await first.close();
  await other.close();
});
