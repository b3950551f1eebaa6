// Mail security scanners open every link of a message, some in a real browser running JavaScript.
// Whatever they do, no response may be recorded (shared/DESIGN.md, docs/SURVEY-PAGES.md).
import { describe, expect, it } from "vitest";
import { desktopContext } from "./browser.ts";
import { useE2eSession } from "./session.ts";

const s = useE2eSession();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectNothingCounted() {
  expect(await s.api.responses(s.surveyId)).toEqual([]);
  expect((await s.api.nps(s.surveyId)).n).toBe(0);
}

describe("a mail scanner", () => {
  it("opening all eleven score links in Chromium with JavaScript on records no response", async () => {
    const send = await s.api.createSend(s.surveyId, s.contactIds.ja);
    expect(send.scoreUrls).toHaveLength(11);
    const context = await s.browser.newContext(desktopContext(s.browser));
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
    const intents = await s.api.intents(send.id);
    expect(intents).toHaveLength(11);
    expect(new Set(intents.map((i) => i.score)).size).toBe(11);
    expect(intents.every((i) => i.verdict === "bot")).toBe(true);
  });

  it("plain HTTP bursts (curl-style GET and HEAD) record no response", async () => {
    const send = await s.api.createSend(s.surveyId, s.contactIds.ja);
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
    const second = await s.api.createSend(s.surveyId, s.contactIds.ja);
    await Promise.all(
      second.scoreUrls.map(async (url) => (await fetch(url, { headers: browserLike })).text()),
    );

    await sleep(1_000);
    await expectNothingCounted();
    for (const id of [send.id, second.id]) {
      const intents = await s.api.intents(id);
      expect(intents.length).toBeGreaterThanOrEqual(11);
      expect(intents.filter((i) => i.verdict !== "bot")).toEqual([]);
    }
  });
});
