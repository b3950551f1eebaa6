// What every browser test file starts with: the real server, Chromium, and a seeded survey, for the file.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { Api } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { seedSurvey } from "./fixtures.ts";
import { startServer, type KoeServer, type ServerOptions } from "./server.ts";

export interface E2eSession {
  server: KoeServer;
  browser: Browser;
  api: Api;
  surveyId: string;
  contactIds: { ja: string; en: string };
}

/** Registers the file's beforeAll/afterAll; the returned object is filled in before the first test. */
export function useE2eSession(opts: ServerOptions = {}): E2eSession {
  const session = {} as E2eSession;
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startServer(opts), launchChromium()]);
    const api = new Api(server);
    Object.assign(session, { server, browser, api, ...(await seedSurvey(api)) });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
