// Touchpoints and triggers made from the admin app alone, in a real browser: a touchpoint created in
// Japanese with its team and journey stage, archived after a confirmation and found again among the
// archived; a trigger created in English with a condition and a delay, then tried on sample events that
// say why it would not fire and that it would, with nothing created or sent.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, useAdminSession, type AdminLocale } from "./admin-session.ts";
import { npsSurvey } from "./fixtures.ts";

const s = useAdminSession();
let surveyId: string;

beforeAll(async () => {
  surveyId = (await s.api.createSurvey(npsSurvey)).id;
  await s.api.call("POST", "/touchpoints", {
    name: "サポートチャット",
    kind: "support",
    channel: "chat",
    team: "カスタマーサポート部",
  });
});

async function signedIn(locale: AdminLocale, path: string): Promise<Page> {
  const context = await s.browser.newContext({ locale, viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${s.server.baseUrl}/admin/`, { locale });
  await page.goto(`${s.server.baseUrl}/admin${path}`);
  return page;
}

interface Touchpoint {
  id: string;
  name: string;
  kind: string;
  channel: string;
  team: string | null;
  journeyStage: string | null;
  archived: boolean;
}

describe("touchpoints from the admin app", () => {
  it("creates one with its team and stage, archives it and shows it among the archived", async () => {
    const page = await signedIn("ja-JP", "/touchpoints");
    await page.getByRole("button", { name: "タッチポイントを作成" }).click();
    const dialog = page.getByRole("dialog", { name: "タッチポイントを作成" });
    await dialog.getByLabel("名前").fill("オンボーディング面談");
    await dialog.getByLabel("種類").selectOption({ label: "オンボーディング" });
    await dialog.getByLabel("チャネル").selectOption({ label: "電話" });
    // The team in use is offered; a new one is typed.
    await expect
      .poll(() =>
        dialog.locator("datalist option").evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      )
      .toEqual(["カスタマーサポート部"]);
    await dialog.getByLabel("チーム").fill("カスタマーサクセス部");
    await dialog.getByLabel("ジャーニー段階").selectOption({ label: "導入" });
    await dialog.getByRole("button", { name: "作成" }).click();
    await page.getByRole("link", { name: "オンボーディング面談" }).waitFor();

    const list = await s.api.call<{ data: Touchpoint[] }>("GET", "/touchpoints");
    const made = list.data.find((t) => t.name === "オンボーディング面談")!;
    expect(made).toMatchObject({
      kind: "onboarding",
      channel: "phone",
      team: "カスタマーサクセス部",
      journeyStage: "onboarding",
      archived: false,
    });

    // A name already taken is said at the field, and nothing is made.
    await page.getByRole("button", { name: "タッチポイントを作成" }).click();
    await page.getByRole("dialog").getByLabel("名前").fill("サポートチャット");
    await page.getByRole("dialog").getByRole("button", { name: "作成" }).click();
    await page.getByText("同じ名前のタッチポイントがすでにあります。").waitFor();
    await page.keyboard.press("Escape");

    await page.getByRole("link", { name: "オンボーディング面談" }).click();
    await page.getByRole("button", { name: "アーカイブ", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "アーカイブ", exact: true }).click();
    await page.getByRole("button", { name: "アーカイブを解除" }).waitFor();
    expect((await s.api.call<Touchpoint>("GET", `/touchpoints/${made.id}`)).archived).toBe(true);

    await page.getByRole("link", { name: "タッチポイント一覧" }).click();
    await page.getByRole("link", { name: "サポートチャット" }).waitFor();
    expect(await page.getByRole("link", { name: "オンボーディング面談" }).count()).toBe(0);
    await page.getByLabel("アーカイブ済みのタッチポイントも表示（1件）").check();
    await page.getByRole("link", { name: "オンボーディング面談" }).waitFor();
    await page.context().close();
  });
});

interface Trigger {
  id: string;
  name: string;
  eventType: string;
  conditions: Record<string, unknown>;
  delaySeconds: number;
  surveyId: string;
  active: boolean;
}

describe("triggers from the admin app", () => {
  it("creates one with a condition and a delay, and tries it on sample events without sending", async () => {
    const page = await signedIn("en-US", "/triggers");
    await page.getByText("No triggers yet.", { exact: false }).waitFor();
    await page.getByRole("link", { name: "New trigger" }).click();
    await page.getByLabel("Name", { exact: true }).fill("After delivery");
    await page.getByLabel("Event name").first().fill("order.delivered");
    await page.getByLabel("Survey").selectOption({ label: npsSurvey.name });
    await page.getByLabel("Delay").fill("2");
    await page.getByLabel("Unit").selectOption("hours");
    await page.getByRole("button", { name: "Add condition" }).click();
    const row = page.getByRole("group", { name: "Condition 1" });
    await row.getByLabel("Key").fill("plan");
    await row.getByLabel("Value").fill("pro");
    await page.getByRole("button", { name: "Create trigger" }).click();
    await page.getByRole("heading", { name: "After delivery" }).waitFor();

    const list = await s.api.call<{ data: Trigger[] }>("GET", "/triggers");
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      name: "After delivery",
      eventType: "order.delivered",
      conditions: { "metadata.plan": "pro" },
      delaySeconds: 7200,
      surveyId,
      active: true,
    });

    // A free-plan order: it would not fire, and the failed condition is named with the event's value.
    await page.getByLabel("Contact email").fill("sample.buyer@example.jp");
    await page.getByLabel("Metadata (JSON)").fill('{"plan": "free"}');
    await page.getByRole("button", { name: "Run test" }).click();
    await page.getByText("Would not fire.").waitFor();
    await page.getByText('metadata.plan fails: the event has "free"; the trigger asks = "pro".').waitFor();

    // A pro-plan order fires; the contact would be created by a real event, and is not by the test.
    await page.getByRole("button", { name: "Fill from conditions" }).click();
    expect(JSON.parse(await page.getByLabel("Metadata (JSON)").inputValue())).toEqual({ plan: "pro" });
    await page.getByRole("button", { name: "Run test" }).click();
    await page.getByText(/^Would fire/).waitFor();
    await page.getByText("No such contact yet: a real event would create sample.buyer@example.jp.").waitFor();
    const contacts = await s.api.call<{ data: unknown[] }>("GET", "/contacts?q=sample.buyer");
    expect(contacts.data).toEqual([]);
    const outbox = await s.api.call<{ data: unknown[] }>("GET", "/outbox");
    expect(outbox.data).toEqual([]);

    // Paused from the form: the list says so.
    await page.getByLabel("Active: events make sends").uncheck();
    await page.getByRole("button", { name: "Save trigger" }).click();
    await page.getByText("Saved.").waitFor();
    await page.getByRole("link", { name: "All triggers" }).click();
    await page
      .getByRole("row", { name: /After delivery/ })
      .getByText("Paused")
      .waitFor();
    await page.context().close();
  });
});
