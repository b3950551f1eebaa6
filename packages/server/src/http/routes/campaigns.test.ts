import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../db/open.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { personFields } from "../../../test/page-form.ts";

let open: OpenDatabase;
let api: TestClient;
let surveyId: string;

beforeAll(async () => {
  open = await openTestDatabase();
  api = await testClient(open.db);
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "CSAT after support",
    kind: "csat",
    question: {
      ja: "今回のサポートにどの程度満足されましたか？",
      en: "How satisfied were you with our support?",
    },
    followUps: {},
    defaultLocale: "ja",
    status: "active",
  });
  surveyId = survey.body.id;
});
afterAll(() => open.close());

const draft = (extra: Record<string, unknown> = {}) =>
  api.call("POST", "/api/v1/campaigns", { name: "Q4", surveyId, audience: { kind: "all" }, ...extra });

describe("/api/v1/campaigns", () => {
  it("refuses a bad audience, schedule or survey, naming each field", async () => {
    const bad = await api.call("POST", "/api/v1/campaigns", {
      name: "",
      surveyId: "00000000-0000-0000-0000-000000000000",
      audience: { kind: "everyone" },
      reminders: { count: 3 },
    });
    expect(bad.status).toBe(422);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "audience.kind", "reminders.count"]));
    const noSurvey = await draft({ surveyId: "00000000-0000-0000-0000-000000000000" });
    expect(noSurvey.status).toBe(422);
    expect(noSurvey.body.errors[0].path).toBe("surveyId");
  });

  it("edits a draft without resetting what the patch leaves out, and refuses edits once launched", async () => {
    const created = await draft({
      schedule: { kind: "recurring", everyDays: 90 },
      reminders: { count: 2, afterDays: 4 },
    });
    const id = created.body.id;
    const patched = await api.call("PATCH", `/api/v1/campaigns/${id}`, { name: "Relationship NPS" });
    expect(patched.body).toMatchObject({
      name: "Relationship NPS",
      schedule: { kind: "recurring", everyDays: 90 },
      reminders: { count: 2, afterDays: 4 },
    });
    await api.call("POST", `/api/v1/campaigns/${id}/launch`);
    const late = await api.call("PATCH", `/api/v1/campaigns/${id}`, { name: "again" });
    expect(late.status).toBe(409);
  });

  it("takes an uploaded CSV audience, reporting bad rows by line and keeping the good ones", async () => {
    const id = (await draft({ audience: { kind: "csv" } })).body.id;
    const csv =
      "email,name,locale,plan\nsato@example.jp,佐藤 一郎,ja,pro\nnot-an-email,鈴木,ja,free\nlee@example.com,Lee,en,free\n";
    const res = await api.app.request(`/api/v1/campaigns/${id}/audience`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.key}`, "content-type": "text/csv" },
      body: csv,
    });
    const body = (await res.json()) as { added: number; errors: unknown[] };
    expect(body.added).toBe(2);
    expect(body.errors).toEqual([{ line: 3, message: expect.stringContaining("email") }]);
    const contacts = await api.call("GET", "/api/v1/contacts?limit=100");
    const sato = contacts.body.data.find((c: { email: string }) => c.email === "sato@example.jp");
    expect(sato).toMatchObject({ name: "佐藤 一郎", locale: "ja", attributes: { plan: "pro" } });
  });

  it("previews the email and test-sends it to the outbox", async () => {
    const id = (await draft()).body.id;
    const preview = await api.call("GET", `/api/v1/campaigns/${id}/preview`);
    expect(preview.body.subject).toContain("1問だけのアンケート");
    expect([...String(preview.body.html).matchAll(/\?score=(\d)/g)].map((m) => m[1])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    const sent = await api.call("POST", `/api/v1/campaigns/${id}/test-send`, { email: "Me@Example.com" });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ to: "me@example.com", transport: "outbox" });
    const outbox = await api.call("GET", "/api/v1/outbox?to=me@example.com");
    expect(outbox.body.data[0].subject).toMatch(/^\[TEST\] /);
    // One message by its id (the admin's outbox links to it), and not from another workspace.
    const one = await api.call("GET", `/api/v1/outbox/${outbox.body.data[0].id}`);
    expect(one.body).toEqual(outbox.body.data[0]);
    const other = await testClient(api.db);
    expect((await other.call("GET", `/api/v1/outbox/${outbox.body.data[0].id}`)).status).toBe(404);
  });

  it("a test send with a contact's data unsubscribes the tester, never the contact", async () => {
    const contact = await api.call("POST", "/api/v1/contacts", {
      email: "customer@example.com",
      name: "Kim",
    });
    const id = (await draft()).body.id;
    const sent = await api.call("POST", `/api/v1/campaigns/${id}/test-send`, {
      email: "admin@example.com",
      contactId: contact.body.id,
    });
    expect(sent.status).toBe(202);
    const [mail] = (await api.call("GET", "/api/v1/outbox?to=admin@example.com")).body.data;
    const unsubscribe = /^<http:\/\/[^/]+(\/u\/[^>]+)>$/.exec(mail.headers["List-Unsubscribe"])?.[1];
    const html = await api.call("GET", `/api/v1/outbox/${mail.id}/html`);
    expect(String(html.body)).toContain(unsubscribe);
    // The one-click POST a mail client makes from the header.
    const click = await api.app.request(unsubscribe!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(click.status).toBe(200);
    expect((await api.call("GET", "/api/v1/suppressions/admin@example.com")).status).toBe(200);
    expect((await api.call("GET", "/api/v1/suppressions/customer@example.com")).status).toBe(404);
  });

  it("takes a tester answering a test send through the whole flow, but counts the answer nowhere", async () => {
    const contact = await api.call("POST", "/api/v1/contacts", { email: "kunde@example.com", name: "Sato" });
    const id = (await draft()).body.id;
    await api.call("POST", `/api/v1/campaigns/${id}/test-send`, {
      email: "tester@example.com",
      contactId: contact.body.id,
    });
    const [mail] = (await api.call("GET", "/api/v1/outbox?to=tester@example.com")).body.data;
    const html = String((await api.call("GET", `/api/v1/outbox/${mail.id}/html`)).body);
    const link = /https?:\/\/[^/"]+(\/r\/[^"?]+)\?score=1"/.exec(html)?.[1];
    const browser = {
      "user-agent": "Mozilla/5.0 Chrome/130",
      "content-type": "application/x-www-form-urlencoded",
    };
    const landing = await (await api.app.request(`${link}?score=1`, { headers: browser })).text();
    expect(landing).toContain("テストメール（この回答は集計されません）");
    const { ft, h } = personFields(landing);
    const posted = await api.app.request(link!, {
      method: "POST",
      headers: browser,
      body: new URLSearchParams({ ft, h, score: "1", comment: "テストです", contact: "phone", step: "done" }),
    });
    expect(posted.status).toBe(303);
    const thanks = await api.app.request(posted.headers.get("location")!, { headers: browser });
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain("テストメール（この回答は集計されません）");
    // The tester's answer is shown again on the link, but no response exists: no report, case or alert.
    const again = await (await api.app.request(link!, { headers: browser })).text();
    expect(again).toMatch(/id="score-1"\s+value="1"\s+checked/);
    expect(again).toContain("テストです");
    const responses = await api.db
      .selectFrom("responses")
      .select("id")
      .where("workspace_id", "=", api.workspaceId)
      .execute();
    expect(responses).toEqual([]);
    expect((await api.call("GET", `/api/v1/reports/csat?surveyId=${surveyId}`)).body.n).toBe(0);
  });

  it("lets a viewer read campaigns but not launch them", async () => {
    const id = (await draft()).body.id;
    const viewer = await api.as("viewer");
    expect((await viewer.call("GET", `/api/v1/campaigns/${id}`)).status).toBe(200);
    expect((await viewer.call("POST", `/api/v1/campaigns/${id}/launch`)).status).toBe(403);
    // Refused for the role before the request is read: no 415 or 422 telling it how to shape one.
    expect((await viewer.call("POST", "/api/v1/campaigns", { name: 1 })).status).toBe(403);
    const upload = await api.app.request(`/api/v1/campaigns/${id}/audience`, {
      method: "POST",
      headers: { authorization: `Bearer ${viewer.key}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(upload.status).toBe(403);
  });
});
