// What the admin app's browser tests share: the real server started with an owner who signs in, Chromium,
// and the one way to sign in through the form (in English or Japanese), so a change to the sign-in page is
// made here once.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { demoApiKey } from "../packages/server/src/demo/demo-workspaces.ts";
import { Api } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { startServer, type KoeServer, type ServerOptions } from "./server.ts";

export interface Credentials {
  email: string;
  password: string;
}

/** The owner `koe serve` creates at start (KOE_ADMIN_EMAIL, KOE_ADMIN_PASSWORD). */
export const owner: Credentials = { email: "owner@example.com", password: "e2e-password-1" };

/** A desktop browser's user agent: a click with it is judged by what it does, not by its agent. */
export const browserAgent = {
  "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36",
};

export type AdminLocale = "en-US" | "ja-JP";

export interface AdminSession {
  server: KoeServer;
  browser: Browser;
  api: Api;
}

/** Registers the file's beforeAll/afterAll; the returned object is filled in before the file's own beforeAll. */
export function useAdminSession(opts: ServerOptions = {}): AdminSession {
  const session = {} as AdminSession;
  beforeAll(async () => {
    const [server, browser] = await Promise.all([
      startServer({
        ...opts,
        env: { ...opts.env, KOE_ADMIN_EMAIL: owner.email, KOE_ADMIN_PASSWORD: owner.password },
      }),
      launchChromium(),
    ]);
    // With --demo the owner's session opens on the Japanese demo; its key (not the bootstrap key, which
    // reads the company's own empty workspace) reads the same data.
    const api = new Api(opts.demo ? { ...server, apiKey: demoApiKey(server.apiKey, "ja") } : server);
    Object.assign(session, { server, browser, api });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}

/** Opens `url` (a page of the admin app), signs in there as `who` in the words of `locale`, and waits for the
 * app's navigation. */
export async function signIn(
  page: Page,
  url: string,
  { who = owner, locale = "en-US" }: { who?: Credentials; locale?: AdminLocale } = {},
): Promise<void> {
  await page.goto(url);
  await page.getByLabel(locale === "ja-JP" ? "メールアドレス" : "Email").fill(who.email);
  await page.getByLabel(locale === "ja-JP" ? "パスワード" : "Password").fill(who.password);
  await page.getByRole("button", { name: locale === "ja-JP" ? "ログイン" : "Sign in" }).click();
  await page.getByRole("navigation").waitFor();
}
