// Settings › Jobs in a real browser: the background jobs a running `koe serve` has (the mail step, the
// campaign clock, the rollup refresh run on their own), filtered by state, in English and Japanese.
import { describe, expect, it } from "vitest";
import { signIn, useAdminSession, type AdminLocale } from "./admin-session.ts";

const s = useAdminSession();

async function jobsTab(locale: AdminLocale) {
  const context = await s.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/settings?tab=jobs`, { locale });
  await page.goto(`${s.server.baseUrl}/admin/settings?tab=jobs`);
  return page;
}

describe("Settings › Jobs", () => {
  it("lists the server's finished jobs under Done, with nothing to retry", async () => {
    const page = await jobsTab("en-US");
    await page.getByRole("heading", { name: "Background jobs" }).waitFor();
    // The mail step runs every second, so finished ones are there after a moment, for the instance owner
    // signed in here; a workspace's own API key sees none of the instance's loops.
    const done = page.getByRole("button", { name: /^Done \d+$/ });
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Reload" }).click();
          return Number((await done.textContent())?.replace(/\D/g, "") ?? 0);
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const keyView = await s.api.call<{ counts: { done: number } }>("GET", "/jobs?state=done");
    expect(keyView.counts.done).toBe(0);
    await done.click();
    const rows = page.locator(".jobs-table tbody tr");
    await rows.first().waitFor();
    expect(await page.locator(".jobs-table tbody .badge").allInnerTexts()).toSatisfy((badges: string[]) =>
      badges.every((b) => b === "Done"),
    );
    expect(await page.locator(".jobs-table .job-queue").allInnerTexts()).toContain("mail.step");
    // A finished job has nothing to retry.
    expect(await page.getByRole("button", { name: /^Retry/ }).count()).toBe(0);
    await page.context().close();
  });

  it("says it all in Japanese", async () => {
    const page = await jobsTab("ja-JP");
    await page.getByRole("heading", { name: "ジョブ" }).waitFor();
    await page.getByRole("button", { name: /^完了 \d+$/ }).click();
    await page.locator(".jobs-table tbody tr").first().waitFor();
    expect(await page.locator(".jobs-table thead").innerText()).toMatch(
      /状態[\s\S]*試行回数[\s\S]*直近のエラー/,
    );
    expect(await page.locator(".jobs-table tbody .badge").first().innerText()).toBe("完了");
    await page.context().close();
  });
});
