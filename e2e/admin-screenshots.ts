// Screenshots of every admin page in Japanese and English for docs/screenshots/ (desktop 1280 px, and the
// overview and a contact on a tablet, 820 px), on the demo data with one campaign sent to the outbox.
// Run: npm run build && npx tsx e2e/admin-screenshots.ts
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { demoApiKey } from "../packages/server/src/demo/demo-workspaces.ts";
import iconv from "iconv-lite";
import { Api } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { startServer } from "./server.ts";

const outDir = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const owner = { email: "owner@example.com", password: "screenshots-1" };
const MAX_HEIGHT = 2200;

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(700); // charts draw after their library arrives
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({
    path: `${outDir}${name}.png`,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
    fullPage: true,
  });
  console.log(`wrote docs/screenshots/${name}.png`);
}

async function main() {
  await mkdir(outDir, { recursive: true });
  const [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KOE_ADMIN_EMAIL: owner.email, KOE_ADMIN_PASSWORD: owner.password } }),
    launchChromium(),
  ]);
  try {
    // The demo workspace the owner's session opens on, through its own key.
    const api = new Api({ ...server, apiKey: demoApiKey(server.apiKey, "ja") });
    const surveys = await api.call<{ data: { id: string; kind: string }[] }>("GET", "/surveys");
    const nps = surveys.data.find((s) => s.kind === "nps")!;
    const contacts = await api.call<{ data: { id: string }[] }>("GET", "/contacts?limit=40");
    const campaign = await api.call<{ id: string }>("POST", "/campaigns", {
      name: "2026年12月 リレーションシップ NPS",
      surveyId: nps.id,
      audience: { kind: "ids", contactIds: contacts.data.map((c) => c.id) },
      reminders: { count: 1, afterDays: 3 },
    });
    await api.call("POST", `/campaigns/${campaign.id}/launch`);
    // A draft for the campaign editor: an attribute-filter audience (its live count) and a reminder.
    const draft = await api.call<{ id: string }>("POST", "/campaigns", {
      name: "エンタープライズ顧客 NPS（2027年1月）",
      surveyId: nps.id,
      audience: { kind: "filter", attributes: { plan: "enterprise" } },
      reminders: { count: 1, afterDays: 5 },
    });
    // Test sends reach the outbox at once, whatever the contacts' quiet hours.
    for (const contact of contacts.data.slice(0, 3)) {
      await api.call("POST", `/campaigns/${campaign.id}/test-send`, {
        email: "marketing@example.jp",
        contactId: contact.id,
      });
    }
    const touchpoints = await api.call<{ data: { id: string }[] }>("GET", "/touchpoints");
    // Triggers: a rule with conditions and a delay, and a paused one.
    const trigger = await api.call<{ id: string }>("POST", "/triggers", {
      name: "配達完了後の NPS",
      eventType: "order.delivered",
      surveyId: nps.id,
      touchpointId: touchpoints.data[0]!.id,
      delaySeconds: 86_400,
      conditions: { "metadata.plan": { in: ["pro", "team"] }, "metadata.orderTotal": { gte: 5000 } },
    });
    await api.call("POST", "/triggers", {
      name: "チャット終了後",
      eventType: "chat.closed",
      surveyId: nps.id,
      active: false,
    });
    const answered = await api.call<{ data: { contactId: string | null; comment: string | null }[] }>(
      "GET",
      "/responses?limit=300",
    );
    const contactId = answered.data.find((r) => r.contactId && r.comment)!.contactId!;
    await new Promise((r) => setTimeout(r, 4000)); // the mail worker sends the campaign to the outbox
    // Sent mail and Suppressions: a bounce the provider reports on a sent message, and an address added by hand.
    const logged = await api.call<{ data: { to: string | null }[] }>("GET", "/sent-mail?limit=5");
    const bounced = logged.data.map((m) => m.to).find((to) => to && to !== "marketing@example.jp");
    if (bounced) await api.call("POST", "/suppressions/webhook", { type: "bounce", email: bounced });
    await api.call("POST", "/suppressions", {
      email: "no-survey@example.jp",
      reason: "manual",
      note: "電話で依頼あり（12月3日）",
    });

    // Contacts and companies: tags and a phone on the pictured contact, a company's page, an audit entry.
    const companyId = (await api.call<{ data: { id: string }[] }>("GET", "/companies?limit=1")).data[0]!.id;
    await api.call("PATCH", `/contacts/${contactId}`, { tags: ["VIP", "要フォロー"], phone: "03-1234-5678" });
    await api.call("GET", `/contacts/${contactId}/privacy-export`);

    // Contacts › Import: a Shift_JIS file from Excel waiting for its mapping, and one run with bad rows.
    const importCsv = iconv.encode(
      [
        "顧客ID,氏名,メールアドレス,電話番号,会社名,言語,タグ,プラン,席数",
        "C-1001,山本 美咲,misaki.yamamoto@example.jp,03-5555-0101,株式会社さくら商事,ja,VIP、展示会2026,enterprise,120",
        "C-1002,小川 健太,kenta.ogawa@example,090-1111-2222,株式会社さくら商事,ja,,pro,35",
        "C-1003,Emily Clark,emily.clark@example.com,+1 415 555 0199,Northwind Ltd.,en,beta,pro,12",
        "C-1004,森 陽子,yoko.mori@example.jp,,もみじ物流株式会社,日本語,展示会2026,basic,5",
        "C-1005,石井 翔,sho.ishii@example.jp,,もみじ物流株式会社,fr,,basic,3",
        "C-1006,藤田 さくら,sakura.fujita@example.jp,06-7777-0000,株式会社ひかり,ja,VIP,enterprise,80",
      ].join("\r\n"),
      "cp932",
    );
    const uploadImport = async (fileName: string) =>
      (await (
        await fetch(`${server.baseUrl}/api/v1/contact-imports?fileName=${encodeURIComponent(fileName)}`, {
          method: "POST",
          headers: { authorization: `Bearer ${demoApiKey(server.apiKey, "ja")}`, "content-type": "text/csv" },
          body: new Uint8Array(importCsv),
        })
      ).json()) as { id: string; guessedMapping: unknown };
    const mappingImport = await uploadImport("顧客リスト_2026年12月.csv");
    const doneImport = await uploadImport("展示会リード.csv");
    await api.call("POST", `/contact-imports/${doneImport.id}/run`, doneImport.guessedMapping);
    for (let i = 0; i < 120; i++) {
      const { status } = await api.call<{ status: string }>("GET", `/contact-imports/${doneImport.id}`);
      if (status === "done" || status === "failed") break;
      await new Promise((r) => setTimeout(r, 500));
    }

    // The first-run checklist shows on a workspace not yet set up: the owner's own, half done.
    const own = new Api(server);
    const ownId = (await own.call<{ id: string }>("GET", "/workspace")).id;
    const demoId = (await api.call<{ id: string }>("GET", "/workspace")).id;
    await own.call("PATCH", "/workspace", {
      settings: { sender: { name: "ACME カスタマーサクセス", address: "cs@acme.example" } },
    });
    await own.call("POST", "/touchpoints", { name: "オンボーディング", kind: "product", channel: "email" });

    const pages: [string, string][] = [
      ["overview", "/"],
      ["touchpoints", "/touchpoints"],
      ["journey", "/touchpoints?view=journey"],
      ["touchpoint", `/touchpoints/${touchpoints.data[1]!.id}`],
      ["benchmarks", "/benchmarks"],
      ["responses", "/responses"],
      ["responses-asked", "/responses?contact=any"],
      ["testimonials", "/testimonials"],
      ["contacts", "/contacts"],
      ["contact", `/contacts/${contactId}`],
      ["contact-import", "/contacts/import"],
      ["contact-import-map", `/contacts/import?id=${mappingImport.id}`],
      ["contact-import-done", `/contacts/import?id=${doneImport.id}`],
      ["companies", "/companies"],
      ["company", `/companies/${companyId}`],
      ["surveys", "/surveys"],
      ["survey-editor", `/surveys/${nps.id}`],
      ["campaigns", "/campaigns"],
      ["campaign-editor", `/campaigns/${draft.id}`],
      ["campaign", `/campaigns/${campaign.id}`],
      ["triggers", "/triggers"],
      ["trigger", `/triggers/${trigger.id}`],
      ["outbox", "/outbox?status=sent"],
      ["outbox-suppressions", "/outbox?tab=suppressions"],
      ["settings-brand", "/settings"],
      ["settings-fatigue", "/settings?tab=fatigue"],
      ["settings-keys", "/settings?tab=keys"],
      ["settings-users", "/settings?tab=users"],
      ["settings-workspaces", "/settings?tab=workspaces"],
      ["settings-jobs", "/settings?tab=jobs"],
      ["settings-audit", "/settings?tab=audit"],
    ];
    for (const locale of ["ja", "en"] as const) {
      const context = await browser.newContext({
        locale: locale === "ja" ? "ja-JP" : "en-US",
        viewport: { width: 1280, height: 860 },
      });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/admin/`);
      await shoot(page, `admin-${locale}-login`);
      await page.locator('input[type="email"]').fill(owner.email);
      await page.locator('input[type="password"]').fill(owner.password);
      await page.locator('button[type="submit"]').click();
      await page.getByRole("navigation").waitFor();
      for (const [name, path] of pages) {
        await page.goto(`${server.baseUrl}/admin${path}`);
        await shoot(page, `admin-${locale}-${name}`);
      }
      // The contact form, opened from the contact's page.
      await page.goto(`${server.baseUrl}/admin/contacts/${contactId}`);
      await page.locator(".page-actions button").first().click();
      await page.locator("dialog.contact-dialog").waitFor();
      await shoot(page, `admin-${locale}-contact-edit`);
      const switchTo = (id: string) =>
        Promise.all([page.waitForEvent("load"), page.locator(".workspace-select").selectOption(id)]);
      await page.goto(`${server.baseUrl}/admin/`);
      await switchTo(ownId);
      await page.locator(".setup-card").waitFor();
      await shoot(page, `admin-${locale}-overview-checklist`);
      await switchTo(demoId);
      await page.setViewportSize({ width: 820, height: 1180 });
      for (const [name, path] of [
        ["overview", "/"],
        ["contact", `/contacts/${contactId}`],
      ] as const) {
        await page.goto(`${server.baseUrl}/admin${path}`);
        await shoot(page, `admin-${locale}-${name}-tablet`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
