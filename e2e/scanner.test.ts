// Mail security scanners open every link of a message, some in a real browser running JavaScript.
// Whatever they do, no response may be recorded (shared/DESIGN.md, docs/SURVEY-PAGES.md).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api } from "./api.ts";
import { desktopContext, launchChromium } from "./browser.ts";
import { seedSurvey } from "./fixtures.ts";
import { startServer, type KoeServer } from "./server.ts";

let server: KoeServer;
let browser: Browser;
let api: Api;
let surveyId: string;
let contactId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  api = new Api(server);
  const seeded = await seedSurvey(api);
  surveyId = seeded.surveyId;
  contactId = seeded.contactIds.ja;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectNothingCounted() {
  expect(await api.responses(surveyId)).toEqual([]);
  expect((await api.nps(surveyId)).n).toBe(0);
}

describe("a mail scanner", () => {
  it("opening all eleven score links in Chromium with JavaScript on records no response", async () => {
    const send = await api.createSend(surveyId, contactId);
    expect(send.scoreUrls).toHaveLength(11);
    const context = await browser.newContext(desktopContext(browser));
    const requests: string[] = [];
    const documentsAt: number[] = [];
    context.on("request", (r) => {
      requests.push(`${r.method()} ${r.url()}`);
      if (r.resourceType() === "document") documentsAt.push(Date.now());
    });

    const pages = await Promise.all(send.scoreUrls.map(() => context.newPage()));
    const opened = await Promise.all(send.scoreUrls.map((url, i) => pages[i]!.goto(url)));
    // The browser asked for all eleven pages within two seconds (loading them may take longer).
    expect(documentsAt).toHaveLength(11);
    expect(Math.max(...documentsAt) - Math.min(...documentsAt)).toBeLessThan(2_000);
    for (const res of opened) expect(res?.status()).toBe(200);
    // The pages ran their script: each shows the follow-up for its preselected score.
    expect(await pages[3]!.locator("#koe-details").isVisible()).toBe(true);
    expect(await pages[3]!.locator("#score-3").isChecked()).toBe(true);

    await sleep(5_000); // all eleven tabs stay open, nobody touches them
    await context.close();

    expect(requests.filter((r) => r.includes("/confirm"))).toEqual([]);
    await expectNothingCounted();
    const intents = await api.intents(send.id);
    expect(intents).toHaveLength(11);
    expect(new Set(intents.map((i) => i.score)).size).toBe(11);
    expect(intents.every((i) => i.verdict === "bot")).toBe(true);
  });

  it("plain HTTP bursts (curl-style GET and HEAD) record no response", async () => {
    const send = await api.createSend(surveyId, contactId);
    const curl = { "user-agent": "curl/8.5.0", accept: "*/*" };
    const browserLike = {
      "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36",
    };
    // All eleven at once, as curl…
    const burst = await Promise.all(send.scoreUrls.map((url) => fetch(url, { headers: curl })));
    for (const res of burst) expect(res.status).toBe(200);
    await Promise.all(burst.map((res) => res.text()));
    // …then one after another with a browser's user agent, HEAD requests, and a prefetch.
    for (const url of send.scoreUrls) {
      const res = await fetch(url, { headers: browserLike });
      expect(res.status).toBe(200);
      await res.text();
    }
    for (const url of send.scoreUrls.slice(0, 3)) {
      expect((await fetch(url, { method: "HEAD", headers: browserLike })).status).toBe(200);
    }
    await (
      await fetch(send.scoreUrls[9]!, { headers: { ...browserLike, "sec-purpose": "prefetch" } })
    ).text();

    // A second send, opened by a scanner with a browser's user agent: only the burst gives it away.
    const second = await api.createSend(surveyId, contactId);
    await Promise.all(
      second.scoreUrls.map(async (url) => (await fetch(url, { headers: browserLike })).text()),
    );

    await sleep(1_000);
    await expectNothingCounted();
    for (const id of [send.id, second.id]) {
      const intents = await api.intents(id);
      expect(intents.length).toBeGreaterThanOrEqual(11);
      expect(intents.filter((i) => i.verdict !== "bot")).toEqual([]);
    }
  });
});
