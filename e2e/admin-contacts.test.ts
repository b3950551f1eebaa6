// Contacts and companies from the admin app: a contact added with a phone, tags and typed attributes, the
// list filtered by tag, a bad phone refused on its field, a company's page with its NPS, a privacy export
// downloaded and an erasure confirmed by typing a word, both in the audit log; a viewer sees no edit buttons.
import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { signIn, useAdminSession } from "./admin-session.ts";

vi.setConfig({ hookTimeout: 120_000, testTimeout: 240_000 });
const s = useAdminSession();
const wait = { timeout: 20_000 };

describe("contacts and companies in the admin app", () => {
  it("adds, filters, reports on, exports and erases a contact", async () => {
    const context = await s.browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, `${s.server.baseUrl}/admin/contacts`);

    // Add a contact through the form, keyboard only for the tags.
    await page.getByRole("button", { name: "Add contact" }).first().click();
    const dialog = page.locator("dialog.contact-dialog");
    await dialog.getByLabel("Name").fill("山田 花子");
    await dialog.getByLabel("Email").fill("hanako@example.jp");
    await dialog.getByLabel("Phone").fill("call me");
    await dialog.getByLabel("Tags", { exact: true }).fill("VIP");
    await page.keyboard.press("Enter");
    await dialog.getByLabel("Tags", { exact: true }).fill("関東");
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Add an attribute" }).click();
    await dialog.getByLabel("Attribute 1: name").fill("plan");
    await dialog.getByLabel("Attribute 1: value").fill("pro");
    await dialog.getByRole("button", { name: "Add an attribute" }).click();
    await dialog.getByLabel("Attribute 2: name").fill("seats");
    await dialog.getByLabel("Attribute 2: type").selectOption("number");
    await dialog.getByLabel("Attribute 2: value").fill("12");
    await dialog.getByRole("button", { name: "Add contact" }).click();
    // The server refuses the phone, on its field; the rest stays as typed.
    await expect.poll(() => dialog.getByText(/Not accepted: .*digits/).isVisible(), wait).toBe(true);
    await dialog.getByLabel("Phone").fill("０３－１２３４－５６７８");
    await dialog.getByRole("button", { name: "Add contact" }).click();
    await page.waitForURL(/\/admin\/contacts\/[0-9a-f-]{36}$/);
    const contactId = page.url().split("/").at(-1)!;
    await expect.poll(() => page.getByRole("link", { name: "03-1234-5678" }).isVisible(), wait).toBe(true);
    const stored = await s.api.call<{ phone: string; tags: string[]; attributes: object }>(
      "GET",
      `/contacts/${contactId}`,
    );
    expect(stored).toMatchObject({
      phone: "03-1234-5678",
      tags: ["VIP", "関東"],
      attributes: { plan: "pro", seats: 12 },
    });

    // The list filtered by a tag, from the tag's link.
    await s.api.call("POST", "/contacts", { email: "other@example.jp", name: "他の人" });
    await page.getByRole("link", { name: "VIP" }).first().click();
    await page.waitForURL(/\/admin\/contacts\?tag=VIP$/);
    await expect.poll(() => page.locator(".contacts-table tbody tr").count(), wait).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "山田 花子" }).isVisible(), wait).toBe(true);

    // A company with this contact and an answer: its page shows the NPS with n and the timeline names her.
    const company = await s.api.call<{ id: string }>("POST", "/companies", { name: "株式会社テスト" });
    await s.api.call("PATCH", `/contacts/${contactId}`, { companyId: company.id });
    const survey = await s.api.call<{ id: string }>("POST", "/surveys", {
      name: "リレーションシップNPS",
      kind: "nps",
      status: "active",
      question: { ja: "薦めますか？" },
    });
    await s.api.call("POST", "/responses", {
      surveyId: survey.id,
      contactId,
      score: 10,
      comment: "満足です",
    });
    await page.goto(`${s.server.baseUrl}/admin/companies`);
    await page.getByRole("link", { name: "株式会社テスト" }).click();
    await expect.poll(() => page.getByTestId("nps-value").textContent(), wait).toBe("+100.0");
    await expect
      .poll(() => page.locator(".tl-contact", { hasText: "山田 花子" }).count(), wait)
      .toBeGreaterThan(0);

    // Privacy: the export downloads as JSON; the erasure needs the word typed.
    await page.goto(`${s.server.baseUrl}/admin/contacts/${contactId}`);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download their data (JSON)" }).click();
    const file = JSON.parse(await readFile((await (await download).path())!, "utf8")) as {
      contact: { email: string };
      responses: { comment: string }[];
    };
    expect(file.contact.email).toBe("hanako@example.jp");
    expect(file.responses.map((r) => r.comment)).toEqual(["満足です"]);
    await page.getByRole("button", { name: "Erase personal data…" }).click();
    const erase = page.getByRole("dialog", { name: "Erase this contact's personal data?" });
    const confirm = erase.getByRole("button", { name: "Erase for good" });
    expect(await confirm.isDisabled()).toBe(true);
    await erase.getByLabel("Type ERASE to confirm").fill("ERASE");
    await confirm.click();
    await page.getByRole("heading", { name: "Personal data erased" }).waitFor();
    const gone = await fetch(`${s.server.baseUrl}/api/v1/contacts/${contactId}`, {
      headers: { authorization: `Bearer ${s.server.apiKey}` },
    });
    expect(gone.status).toBe(404);
    const report = await s.api.call<{ n: number; nps: number }>("GET", `/reports/nps?surveyId=${survey.id}`);
    expect(report).toMatchObject({ n: 1, nps: 100 });

    // Both requests in the audit log.
    await page.goto(`${s.server.baseUrl}/admin/settings?tab=audit`);
    const rows = page.locator(".audit-table tbody tr");
    await expect.poll(() => rows.count(), wait).toBe(2);
    expect(await rows.nth(0).textContent()).toContain("Erased a contact's personal data");
    expect(await rows.nth(1).textContent()).toContain("Exported a contact's data");
    await context.close();
  });

  it("shows a viewer no edit, delete or privacy buttons, in Japanese", async () => {
    const viewer = { email: "viewer@example.jp", password: "viewer-password-1" };
    await s.api.call("POST", "/users", { ...viewer, name: "閲覧者", role: "viewer" });
    const contact = await s.api.call<{ id: string }>("POST", "/contacts", {
      email: "view@example.jp",
      name: "見る人",
    });
    const context = await s.browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, `${s.server.baseUrl}/admin/contacts/${contact.id}`, { who: viewer, locale: "ja-JP" });
    await page.getByRole("heading", { name: "見る人" }).waitFor();
    expect(await page.getByRole("button", { name: "編集" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "削除" }).count()).toBe(0);
    expect(await page.getByText("個人情報の請求").count()).toBe(0);
    await page.goto(`${s.server.baseUrl}/admin/contacts`);
    await page.getByRole("link", { name: "CSV をエクスポート" }).waitFor();
    expect(await page.getByRole("button", { name: "顧客を追加" }).count()).toBe(0);
    await context.close();
  });
});
