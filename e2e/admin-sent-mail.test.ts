// Sent mail in Chromium against `koe serve` with a real SMTP server: the page names the server, shows a
// sent message as the recipient got it and a refused one with the server's reply, a bounce reported by
// the provider's webhook, and the Suppressions tab (reached with the arrow keys) lists the bounce as a
// provider's event, takes an address added by hand with a note, and lifts one after a confirmation.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp, type TestSmtp } from "../packages/server/test/smtp.ts";
import { signIn, useAdminSession } from "./admin-session.ts";
import { prepareSending, until } from "./crash-scenario.ts";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp?.close());

// The server starts after the SMTP server: its URL is read when the session's beforeAll runs.
const s = useAdminSession({
  get env() {
    return { SMTP_URL: smtp.url };
  },
});

/** The machine may be busy (several browsers and servers): a page may take seconds to settle. */
const patient = { timeout: 20_000 };

interface Entry {
  id: string;
  status: string;
  to: string;
  messageId: string;
}

async function openPage(path: string): Promise<Page> {
  const context = await s.browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin${path}`);
  return page;
}

describe("admin Sent mail", () => {
  it("shows the SMTP server, a sent message as received, a refused one with the reply, and a bounce", async () => {
    const surveyId = await prepareSending(s.api);
    await s.api.createContact({ email: "hanako.yamada@example.jp", name: "山田 花子", locale: "ja" });
    await s.api.createContact({ email: "taro.sato@example.jp", name: "佐藤 太郎", locale: "ja" });
    const campaign = await s.api.call<{ id: string }>("POST", "/campaigns", {
      name: "2026年下期 リレーションシップNPS",
      surveyId,
      audience: { kind: "all" },
    });
    smtp.failNext(1, 550);
    await s.api.call("POST", `/campaigns/${campaign.id}/launch`);
    let entries: Entry[] = [];
    await until(
      async () => {
        entries = (await s.api.call<{ data: Entry[] }>("GET", "/sent-mail")).data;
        return entries.length === 2 && entries.every((e) => e.status === "sent" || e.status === "failed");
      },
      60_000,
      "both messages to be settled",
    );
    const sent = entries.find((e) => e.status === "sent")!;
    const failed = entries.find((e) => e.status === "failed")!;

    const page = await openPage("/outbox");
    await expect
      .poll(() => page.locator(".mail-transport").textContent(), patient)
      .toBe(`Email is sent through the SMTP server ${smtp.url}.`);
    const list = page.locator(".outbox-items");
    await expect.poll(() => list.getByRole("button").count(), patient).toBe(2);

    await list.getByRole("button", { name: new RegExp(failed.to) }).click();
    const detail = page.locator("#outbox-detail");
    await expect.poll(() => detail.textContent(), patient).toContain("The mail server refused this message");
    expect(await detail.locator(".mail-reply pre").textContent()).toMatch(/550/);

    await list.getByRole("button", { name: new RegExp(sent.to) }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("id"), patient).toBe(sent.id);
    const received = smtp.messages.find((m) => m.messageId === sent.messageId)!;
    await expect.poll(() => detail.locator("h2").textContent(), patient).toBe(received.subject);
    const frame = page.frameLocator("iframe.message-frame");
    await expect.poll(() => frame.locator("body").textContent(), patient).toContain("10");
    await detail.getByRole("button", { name: "Plain text" }).click();
    expect((await detail.locator(".message-text").textContent())?.trim()).toBe(String(received.text).trim());

    // The provider reports a hard bounce of the sent one: the log says so.
    await s.api.call("POST", "/suppressions/webhook", {
      type: "bounce",
      email: sent.to,
      messageId: sent.messageId,
    });
    await page.getByLabel("Status").selectOption("bounced");
    await expect.poll(() => list.getByRole("button").count(), patient).toBe(1);
    await expect.poll(() => detail.textContent(), patient).toContain("reported a hard bounce");
    await page.context().close();
  });

  it("lists suppressions by source, adds one with a note and lifts one after a confirmation, by keyboard", async () => {
    await s.api.call("POST", "/suppressions", { email: "api-added@example.jp", reason: "unsubscribed" });
    const page = await openPage("/outbox");
    const tab = page.getByRole("tab", { name: "Sent mail" });
    await tab.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => new URL(page.url()).searchParams.get("tab"), patient).toBe("suppressions");
    const panel = page.locator("#outbox-panel-suppressions");
    const row = (email: string) => panel.locator("tr", { hasText: email });
    const count = async () =>
      (await row("hanako.yamada@example.jp").count()) + (await row("taro.sato@example.jp").count());
    await expect.poll(count, patient).toBe(1);
    const bounced = (await row("hanako.yamada@example.jp").count())
      ? "hanako.yamada@example.jp"
      : "taro.sato@example.jp";
    expect(await row(bounced).textContent()).toContain("Provider event");
    expect(await row("api-added@example.jp").textContent()).toContain("API");

    await panel.getByLabel("Email address").fill("Phoned@Example.jp");
    await panel.getByLabel("Note (optional)").fill("asked by phone");
    await panel.getByLabel("Note (optional)").press("Enter");
    await expect
      .poll(() => panel.getByRole("status").textContent(), patient)
      .toBe("phoned@example.jp is suppressed.");
    await expect.poll(() => row("phoned@example.jp").textContent(), patient).toContain("Added here");
    expect(await row("phoned@example.jp").textContent()).toContain("asked by phone");

    await panel.getByLabel("Address", { exact: true }).fill("phoned");
    await panel.getByLabel("Address", { exact: true }).press("Enter");
    await expect.poll(() => panel.locator("tbody tr").count(), patient).toBe(1);
    await row("phoned@example.jp").getByRole("button", { name: "Remove: phoned@example.jp" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect
      .poll(() => dialog.textContent(), patient)
      .toContain("Remove phoned@example.jp from the suppressions?");
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect
      .poll(() => panel.getByRole("status").textContent(), patient)
      .toBe("phoned@example.jp can be mailed again.");
    await expect.poll(() => panel.textContent(), patient).toContain("No suppressed address matches.");
    await page.context().close();
  });
});
