// The first-run checklist: each step ticks when its data appears in the workspace, and not before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createWorkspace } from "../../domain/workspaces/workspaces.ts";

let open: OpenDatabase;
let c: TestClient;
beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
});
afterAll(() => open.close());

async function checklist(client = c) {
  const res = await client.call("GET", "/api/v1/workspace/setup-checklist");
  expect(res.status).toBe(200);
  const body = res.body as { steps: { step: string; done: boolean }[]; done: boolean; demo: boolean };
  return { ...body, ticked: body.steps.filter((s) => s.done).map((s) => s.step) };
}

describe("GET /api/v1/workspace/setup-checklist", () => {
  it("ticks each step when its data appears, in order, until done", async () => {
    const first = await checklist();
    expect(first.steps.map((s) => s.step)).toEqual([
      "senderName",
      "senderAddress",
      "postalAddress",
      "brand",
      "touchpoint",
      "survey",
      "contacts",
      "campaign",
    ]);
    expect(first).toMatchObject({ ticked: [], done: false, demo: false });

    const patch = (settings: unknown) => c.call("PATCH", "/api/v1/workspace", { settings });
    expect((await patch({ sender: { name: "ACME カスタマーサクセス" } })).status).toBe(200);
    expect((await checklist()).ticked).toEqual(["senderName"]);
    await patch({ sender: { address: "cs@acme.example" } });
    expect((await checklist()).ticked).toEqual(["senderName", "senderAddress"]);
    await patch({ sender: { postalAddress: "東京都千代田区丸の内1-1-1" } });
    expect((await checklist()).ticked).toEqual(["senderName", "senderAddress", "postalAddress"]);
    await patch({ brand: { color: "#0f766e" } });
    expect((await checklist()).ticked).toContain("brand");

    await c.call("POST", "/api/v1/touchpoints", {
      name: "オンボーディング",
      kind: "product",
      channel: "email",
    });
    expect((await checklist()).ticked).toContain("touchpoint");
    const survey = await c.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      question: { ja: "薦めますか？" },
      status: "active",
    });
    expect((await checklist()).ticked).toContain("survey");
    const contact = await c.call("POST", "/api/v1/contacts", {
      email: "hanako@example.com",
      name: "山田 花子",
    });
    const before = await checklist();
    expect(before.ticked).toContain("contacts");
    expect(before).toMatchObject({ done: false });
    expect(before.ticked).not.toContain("campaign");

    const campaign = await c.call("POST", "/api/v1/campaigns", {
      name: "初回 NPS",
      surveyId: survey.body.id,
      audience: { kind: "ids", contactIds: [contact.body.id] },
    });
    expect(campaign.status).toBe(201);
    const after = await checklist();
    expect(after.steps.every((s) => s.done)).toBe(true);
    expect(after.done).toBe(true);
  });

  it("unticks a setting cleared back to its default", async () => {
    await c.call("PATCH", "/api/v1/workspace", { settings: { sender: { postalAddress: null } } });
    const now = await checklist();
    expect(now.ticked).not.toContain("postalAddress");
    expect(now.done).toBe(false);
  });

  it("says a demo workspace is one, and counts only the workspace's own rows", async () => {
    const demo = await createWorkspace(open.db, { name: "Demo", timeZone: "Asia/Tokyo", isDemo: true });
    const d = await testClient(open.db, { workspaceId: demo });
    expect(await checklist(d)).toMatchObject({ demo: true, ticked: [], done: false });
    const viewer = await c.as("viewer");
    expect((await checklist(viewer)).ticked).toContain("campaign");
  });
});
