// Workspaces in the admin app against `koe serve --demo`: the owner opens on the demo (badged), one click
// takes them to their own workspace, the switcher goes back, and Settings › Workspaces creates, renames and
// deletes a workspace (the dialog says what goes) and removes the demo.
import { describe, expect, it, vi } from "vitest";
import { signIn, useAdminSession } from "./admin-session.ts";

// A new server seeds both demos (18 months each) before it answers: minutes on a busy 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });
const s = useAdminSession({ demo: true, timeoutMs: 280_000 });
/** A page load on a busy machine: the poll's default second is too short. */
const wait = { timeout: 20_000 };

describe("workspaces in the admin app", () => {
  it("opens on the demo, switches to the owner's workspace and back, and manages workspaces", async () => {
    const context = await s.browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, `${s.server.baseUrl}/admin/`);
    const switcher = page.getByLabel("Workspace", { exact: true });
    const demo = page.locator(".badge-demo");
    await expect.poll(() => demo.textContent(), wait).toBe("Demo");
    await expect
      .poll(() => switcher.locator("option:checked").textContent())
      .toBe("デモ: ハルカゼ ワークス (owner)");

    // Switching opens the overview afresh (a new page load).
    await Promise.all([
      page.waitForEvent("load"),
      page.getByRole("button", { name: "Go to my workspace" }).click(),
    ]);
    await expect.poll(() => switcher.locator("option:checked").textContent(), wait).toBe("Koe (owner)");
    expect(await demo.count()).toBe(0);
    await Promise.all([
      page.waitForEvent("load"),
      switcher.selectOption({ label: "Demo: Northwind Cloud (owner)" }),
    ]);
    await expect
      .poll(() => switcher.locator("option:checked").textContent())
      .toBe("Demo: Northwind Cloud (owner)");
    await expect.poll(() => demo.count(), wait).toBe(1);

    await page.goto(`${s.server.baseUrl}/admin/settings?tab=workspaces`);
    const create = page.locator("form", { has: page.getByRole("button", { name: "Create workspace" }) });
    await create.getByLabel("Name", { exact: true }).fill("E2E 会社");
    await create.getByLabel("Language", { exact: true }).selectOption("en");
    await create.getByRole("button", { name: "Create workspace" }).click();
    const row = page.getByRole("row", { name: /E2E 会社/ });
    await row.waitFor();
    await expect.poll(() => switcher.locator("option").allTextContents()).toContain("E2E 会社 (owner)");

    await row.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("New name of “E2E 会社”").fill("E2E renamed");
    await page.getByRole("button", { name: "Save" }).click();
    const renamed = page.getByRole("row", { name: /E2E renamed/ });
    await renamed.waitFor();

    await renamed.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete “E2E renamed” and everything in it?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("This deletes 0 surveys, 0 responses, 0 contacts");
    await dialog.getByRole("button", { name: "Delete workspace" }).click();
    await expect.poll(() => renamed.count()).toBe(0);

    await page.getByRole("button", { name: "Remove the demo" }).click();
    const removal = page.getByRole("dialog", { name: /Remove the demo workspaces/ });
    await removal.waitFor();
    await removal.getByRole("button", { name: "Remove the demo" }).click();
    // The session was in a demo: it opens afresh in the owner's own workspace, the only one left.
    await page.waitForURL(`${s.server.baseUrl}/admin/`);
    await expect.poll(() => page.locator(".workspace-name").textContent(), wait).toBe("Koe");
    expect(await demo.count()).toBe(0);
    const gone = await fetch(`${s.server.baseUrl}/api/v1/reports/nps`, {
      headers: { authorization: `Bearer ${s.server.apiKey}-demo-ja` },
    });
    expect(gone.status).toBe(401);
    await context.close();
  });
});
