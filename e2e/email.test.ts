// Email end to end: a campaign from the real `koe serve` to a real SMTP server; the score link in the
// parsed message followed in Chromium; and a worker killed (SIGKILL) mid-campaign that, restarted,
// never mails anyone twice and loses only a message whose fate the ledger marks unknown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestSmtp, type TestSmtp } from "../packages/server/test/smtp.ts";
import { Api } from "./api.ts";
import { desktopContext, launchChromium } from "./browser.ts";
import { prepareSending, recipientOf, runCrashScenario, until } from "./crash-scenario.ts";
import { startServer, type KoeServer } from "./server.ts";

let smtp: TestSmtp;
let browser: Browser;
beforeAll(async () => {
  [smtp, browser] = await Promise.all([startTestSmtp(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await smtp?.close();
});

describe("email campaigns", () => {
  let server: KoeServer;
  afterAll(() => server?.stop());

  it("delivers the survey email over SMTP; its score link, followed in Chromium, counts the answer", async () => {
    server = await startServer({ env: { SMTP_URL: smtp.url } });
    const api = new Api(server);
    const surveyId = await prepareSending(api);
    await api.createContact({ email: "hanako.yamada@example.jp", name: "山田 花子", locale: "ja" });
    const campaign = await api.call<{ id: string }>("POST", "/campaigns", {
      name: "2026年下期 リレーションシップNPS",
      surveyId,
      audience: { kind: "all" },
    });
    await api.call("POST", `/campaigns/${campaign.id}/launch`);
    await until(
      () => smtp.messages.some((m) => recipientOf(m) === "hanako.yamada@example.jp"),
      30_000,
      "the email",
    );

    const mail = smtp.messages.find((m) => recipientOf(m) === "hanako.yamada@example.jp")!;
    expect(mail.subject).toBe("【Hikari Cloud】1問だけのアンケートにご協力ください");
    expect(mail.text).toContain("?score=10");
    const links = [...String(mail.html).matchAll(/href="([^"]+\?score=(\d+))"/g)];
    expect(links.map((l) => Number(l[2]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const context = await browser.newContext(desktopContext(browser));
    const page = await context.newPage();
    await page.goto(links[9]![1]!.replace(/&amp;/g, "&"));
    await expect.poll(() => page.locator("#score-9").isChecked()).toBe(true);
    await page.getByRole("textbox").first().fill("サポートの対応が早くて助かっています。");
    await page.getByRole("button", { name: "送信する" }).click();
    await page.waitForURL(/\/thanks$/);
    await context.close();

    const report = await api.nps(surveyId);
    expect(report).toMatchObject({ n: 1, promoters: 1, nps: 100 });
    const [response] = await api.responses(surveyId);
    expect(response).toMatchObject({
      score: 9,
      source: "email",
      comment: "サポートの対応が早くて助かっています。",
    });
  });
});

describe("crash-safe sending", () => {
  it("a worker killed mid-campaign and restarted never mails anyone twice, and loses only messages of unknown fate", async () => {
    const out = await runCrashScenario({ smtp, recipients: 2000, killAfter: [400] });
    expect(out.atCrash).toBeLessThan(2000);
    expect(out.progress).toMatchObject({ recipients: 2000, sent: 2000, failed: 0 });
    // At most once (docs/EMAIL.md): nobody gets two.
    expect([...out.counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    // A message can be missing only if recovery took it as sent with its fate unknown: the one window, between
    // its record and its end of data, that a kill can meet (about 1 run in 50, bench/crash-soak.ts).
    expect(out.missing.filter((e) => !out.unknownFate.has(e))).toEqual([]);
    expect(out.unknownFate.size).toBe(out.progress.reconciled);
    if (out.progress.reconciled > 0) expect(out.log).toContain("unknown fate");
    console.log(
      `crash test: ${out.atCrash} messages before SIGKILL, ${out.progress.reconciled} of unknown fate taken as ` +
        `sent, ${out.missing.length} of them missing; ${out.rate.toFixed(0)} messages/s before the kill`,
    );
  }, 300_000);
});
