// The admin app in Chromium against `koe serve --demo`: sign in, the overview's NPS is the API's for the
// same filter, a touchpoint filter, Japanese with no English left, a contact's timeline, a new survey
// with its preview, and the CSV export.
import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { englishIn, englishUiStrings } from "./admin-catalogue.ts";
import { owner, signIn, useAdminSession, type AdminLocale } from "./admin-session.ts";

const s = useAdminSession({ demo: true });

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** NPS as the app writes it beside an interval: one decimal, a true minus sign. */
const npsText = (nps: number) =>
  nps > 0 ? `+${nps.toFixed(1)}` : nps < 0 ? `\u2212${(-nps).toFixed(1)}` : "0.0";

async function signedIn(locale: AdminLocale = "en-US"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await s.browser.newContext({
    locale,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/`, { locale });
  return { context, page };
}

describe("admin app", () => {
  it("refuses a wrong password and signs in with the right one", async () => {
    const context = await s.browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${s.server.baseUrl}/admin/`);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not right");
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation").waitFor();
    await context.close();
  });

  it("shows the same NPS as GET /reports/nps for the same period, and for one touchpoint", async () => {
    const { context, page } = await signedIn();
    const to = new Date();
    const from = new Date(to.getTime() - 180 * 86_400_000);
    await page.goto(`${s.server.baseUrl}/admin/?range=custom&from=${iso(from)}&to=${iso(to)}`);
    const report = await s.api.call<{ nps: number; n: number }>(
      "GET",
      `/reports/nps?from=${iso(from)}&to=${iso(to)}`,
    );
    expect(report.n).toBeGreaterThan(100);
    const value = page.getByTestId("nps-value").first();
    await expect.poll(() => value.textContent()).toBe(npsText(report.nps));

    const touchpoints = await s.api.call<{ data: { id: string; name: string }[] }>("GET", "/touchpoints");
    const phone = touchpoints.data[1]!;
    await page.getByLabel("Touchpoint").selectOption(phone.id);
    await expect.poll(() => new URL(page.url()).searchParams.get("touchpoint")).toBe(phone.id);
    const one = await s.api.call<{ nps: number }>(
      "GET",
      `/reports/nps?from=${iso(from)}&to=${iso(to)}&touchpoint=${phone.id}`,
    );
    expect(one.nps).not.toBe(report.nps);
    await expect.poll(() => value.textContent()).toBe(npsText(one.nps));
    await context.close();
  });

  it("in Japanese, leaves no English UI string on any page", async () => {
    const { context, page } = await signedIn("en-US");
    await page.getByRole("button", { name: "日本語" }).click();
    await page.getByRole("link", { name: "概要" }).waitFor();
    const english = await englishUiStrings();
    expect(english.length).toBeGreaterThan(100);
    const paths = [
      "/",
      "/touchpoints",
      "/touchpoints?view=journey",
      "/benchmarks",
      "/responses",
      "/contacts",
      "/surveys",
      "/surveys/new",
      "/campaigns",
      "/outbox",
      "/outbox?tab=suppressions",
      "/settings",
    ];
    for (const path of paths) {
      await page.goto(`${s.server.baseUrl}/admin${path}`);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      // The language switch names English in English, on purpose: leave it out.
      // So are names written in English, marked so (the English demo workspace's in the switcher): data,
      // not UI. An option shows through its select whatever its own style, so its text is blanked instead.
      const text = await page.evaluate(() => {
        const own = [...document.querySelectorAll<HTMLElement>('[lang="en"]')];
        const options = [...document.querySelectorAll<HTMLOptionElement>('option[lang="en"]')].map(
          (o) => [o, o.text] as const,
        );
        own.forEach((e) => (e.style.display = "none"));
        options.forEach(([o]) => (o.text = ""));
        const all = document.body.innerText;
        own.forEach((e) => (e.style.display = ""));
        options.forEach(([o, t]) => (o.text = t));
        return all;
      });
      const left = englishIn(text, english);
      expect(left, `English on ${path}`).toEqual([]);
      expect(text, path).not.toContain("読み込めませんでした");
    }
    await context.close();
  });
});

describe("admin app: contacts, surveys, export", () => {
  it("finds a contact, opens the timeline with their answers, and adds a note", async () => {
    const { context, page } = await signedIn();
    const answers = await s.api.call<{ data: { contactId: string | null; comment: string | null }[] }>(
      "GET",
      "/responses?limit=200",
    );
    const answer = answers.data.find((r) => r.contactId && r.comment);
    expect(answer).toBeDefined();
    const contact = await s.api.call<{ id: string; name: string }>("GET", `/contacts/${answer!.contactId}`);
    await page.goto(`${s.server.baseUrl}/admin/contacts`);
    await page.getByLabel("Search contacts").fill(contact.name);
    await page.getByLabel("Search contacts").press("Enter");
    await page.getByRole("link", { name: contact.name }).first().click();
    await page.waitForURL(new RegExp(`/admin/contacts/${contact.id}$`));
    await page.getByText(answer!.comment!.slice(0, 20)).first().waitFor();
    // The window's title names the contact, so many open tabs stay apart.
    expect(await page.title()).toBe(`${contact.name} · Contacts · Koe`);

    const note = `Called back on ${new Date().toISOString()}: agreed to a training session.`;
    await page.getByLabel("Note on this contact").fill(note);
    await page.getByRole("button", { name: "Save note" }).click();
    await page.getByText(note).waitFor();
    const timeline = await s.api.call<{ data: { type: string; body?: string }[] }>(
      "GET",
      `/contacts/${contact.id}/timeline`,
    );
    expect(timeline.data[0]).toMatchObject({ type: "note", body: note });
    await context.close();
  });

  it("creates an NPS survey with its live preview", async () => {
    const { context, page } = await signedIn();
    await page.goto(`${s.server.baseUrl}/admin/surveys/new`);
    const name = `E2E relationship NPS ${Date.now()}`;
    await page.getByPlaceholder("e.g. Relationship NPS 2026").fill(name);
    // The preview is the real landing page, rendered by the server for the unsaved survey.
    const panel = page.locator("section.survey-preview");
    const english = panel.getByRole("button", { name: "English" });
    await english.click();
    await expect.poll(() => english.getAttribute("aria-pressed")).toBe("true");
    const preview = page.frameLocator("iframe.preview-frame").first();
    // On a timeout, say what the panel showed (an error, "Updating…") and what the server logged.
    await preview
      .getByText("to a friend or colleague")
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(async (err: unknown) => {
        const shown = await panel.innerText().catch(() => "(panel gone)");
        throw new Error(`${String(err)}\npanel: ${shown}\nserver log:\n${s.server.log().slice(-4000)}`);
      });
    await page.getByRole("button", { name: "Create survey" }).first().click();
    await page.waitForURL(/\/admin\/surveys\/[0-9a-f-]{36}/);
    const surveys = await s.api.call<{ data: { name: string; kind: string }[] }>(
      "GET",
      "/surveys?limit=1000",
    );
    expect(surveys.data.find((s) => s.name === name)).toMatchObject({ kind: "nps" });
    await context.close();
  });

  it("exports the filtered responses as CSV with every row, Japanese intact and formulas neutralised", async () => {
    const { context, page } = await signedIn();
    const touchpoints = await s.api.call<{ data: { id: string }[] }>("GET", "/touchpoints");
    const tp = touchpoints.data[0]!.id;
    await page.goto(`${s.server.baseUrl}/admin/responses?range=30&touchpointId=${tp}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const { parse } = await import("csv-parse/sync");
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    // The same filter as a JSON list: the export's own query.
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const query = new URL(href!, s.server.baseUrl).search.slice(1);
    const listed = await s.api.call<{ data: unknown[]; nextCursor: string | null }>(
      "GET",
      `/responses?${query}&limit=1000`,
    );
    expect(listed.nextCursor).toBeNull();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBe(listed.data.length);
    expect(rows.some((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r.comment ?? ""))).toBe(true);
    expect(rows.every((r) => !/^[=+\-@]/.test(r.comment ?? ""))).toBe(true);
    await context.close();
  });
});
