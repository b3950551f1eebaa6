// Contacts in the admin app's programme: phone and tags, the tag filter, the CSV export, the timeline's
// contact preference and testimonial consent, a company's timeline and NPS, privacy export and erasure
// (reports unchanged), and the audit log that records them.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

async function make(c: TestClient, path: string, body: object): Promise<string> {
  const res = await c.call("POST", path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function setup() {
  const c = await testClient(open.db);
  const surveyId = await make(c, "/api/v1/surveys", {
    name: "製品NPS",
    kind: "nps",
    status: "active",
    question: { ja: "薦めますか？" },
  });
  const touchpointId = await make(c, "/api/v1/touchpoints", {
    name: "電話サポート",
    kind: "support",
    channel: "phone",
  });
  return { c, surveyId, touchpointId };
}

const email = () => `${randomUUID()}@example.jp`;

describe("a contact's phone and tags", () => {
  it("stores them, folds a full-width number to ASCII and keeps them through a patch", async () => {
    const { c } = await setup();
    const created = await c.call("POST", "/api/v1/contacts", {
      email: email(),
      name: "山田 花子",
      phone: "０３－１２３４－５６７８",
      tags: [" VIP ", "トライアル"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phone: "03-1234-5678", tags: ["VIP", "トライアル"] });
    const id = created.body.id as string;
    const patched = await c.call("PATCH", `/api/v1/contacts/${id}`, { phone: "+81 (3) 1234-5678 ext. 12" });
    expect(patched.body).toMatchObject({ phone: "+81 (3) 1234-5678 ext. 12", tags: ["VIP", "トライアル"] });
    const cleared = await c.call("PATCH", `/api/v1/contacts/${id}`, { phone: "  ", tags: [] });
    expect(cleared.body).toMatchObject({ phone: null, tags: [] });
  });

  it("refuses a bad phone or bad tags with 422 naming the field", async () => {
    const { c } = await setup();
    const bad: [object, string][] = [
      [{ phone: "call me maybe" }, "phone"],
      [{ phone: "1".repeat(41) }, "phone"],
      [{ phone: "+-()" }, "phone"],
      [{ tags: ["a", " a "] }, "tags"],
      [{ tags: ["x".repeat(51)] }, "tags.0"],
      [{ tags: ["   "] }, "tags.0"],
      [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "tags"],
      [{ tags: "vip" }, "tags"],
    ];
    for (const [fields, path] of bad) {
      const res = await c.call("POST", "/api/v1/contacts", { email: email(), ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(422);
      expect(
        (res.body.errors as { path: string }[]).map((e) => e.path),
        JSON.stringify(res.body),
      ).toContain(path);
    }
  });

  it("lists only the contacts with a tag, with the search and by company", async () => {
    const { c } = await setup();
    const companyId = await make(c, "/api/v1/companies", { name: "株式会社テスト" });
    const vip = await make(c, "/api/v1/contacts", { email: email(), name: "佐藤", tags: ["vip", "jp"] });
    const vip2 = await make(c, "/api/v1/contacts", {
      email: email(),
      name: "鈴木",
      tags: ["vip"],
      companyId,
    });
    await make(c, "/api/v1/contacts", { email: email(), name: "佐藤 二郎", tags: ["vipx"] });
    const ids = async (query: string) =>
      ((await c.call("GET", `/api/v1/contacts?${query}`)).body.data as { id: string }[]).map((x) => x.id);
    expect(await ids("tag=vip")).toEqual([vip2, vip]);
    expect(await ids(`tag=${encodeURIComponent("vip")}&q=${encodeURIComponent("佐藤")}`)).toEqual([vip]);
    expect(await ids(`companyId=${companyId}`)).toEqual([vip2]);
    expect(await ids("tag=none")).toEqual([]);
    expect(await ids("tag=vip&limit=1")).toEqual([vip2]);
    const page = await c.call("GET", "/api/v1/contacts?tag=vip&limit=1");
    expect((await ids(`tag=vip&limit=1&cursor=${page.body.nextCursor}`)) as string[]).toEqual([vip]);
  });
});

describe("GET /api/v1/contacts/export.csv", () => {
  it("gives UTF-8 with BOM, the list's filters, the company and one column per attribute", async () => {
    const { c } = await setup();
    const companyId = await make(c, "/api/v1/companies", { name: "株式会社声" });
    await make(c, "/api/v1/contacts", {
      email: "hanako@example.jp",
      name: "山田 花子",
      phone: "+81 3-1234-5678",
      tags: ["vip", "関東"],
      companyId,
      attributes: { plan: "プロ", seats: 12 },
    });
    await make(c, "/api/v1/contacts", {
      email: "other@example.jp",
      name: "=cmd()",
      attributes: { region: "x" },
    });
    const res = await c.app.request("/api/v1/contacts/export.csv?tag=vip", {
      headers: { authorization: `Bearer ${c.key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="koe-contacts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe(
      "id,email,name,phone,externalId,company,companyId,locale,timeZone,tags,createdAt,attribute.plan,attribute.seats",
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^[0-9a-f-]{36},hanako@example.jp,山田 花子,'\\+81 3-1234-5678,,株式会社声,${companyId},,,vip; 関東,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+09:00,プロ,12$`,
      ),
    );
    expect(lines.slice(2)).toEqual([""]);
    const all = await c.app.request("/api/v1/contacts/export.csv", {
      headers: { authorization: `Bearer ${c.key}` },
    });
    const text = await all.text();
    expect(text).toContain("'=cmd()");
    expect(text.split("\r\n")[0]).toContain("attribute.region");
  });

  it("is refused without a key and stays within the workspace", async () => {
    const { c } = await setup();
    await make(c, "/api/v1/contacts", { email: "mine@example.jp" });
    const other = await setup();
    const text = await (
      await other.c.app.request("/api/v1/contacts/export.csv", {
        headers: { authorization: `Bearer ${other.c.key}` },
      })
    ).text();
    expect(text).not.toContain("mine@example.jp");
    expect((await c.app.request("/api/v1/contacts/export.csv")).status).toBe(401);
  });
});

async function answered(
  c: TestClient,
  surveyId: string,
  touchpointId: string,
  contactId: string,
  score: number,
) {
  const res = await c.call("POST", "/api/v1/responses", {
    surveyId,
    contactId,
    touchpointId,
    channel: "phone",
    score,
    comment: `comment ${score}`,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; createdAt: string };
}

describe("the timeline's contact preference and testimonial consent", () => {
  it("shows the phone when they asked for a call, and the exact consent text", async () => {
    const { c, surveyId, touchpointId } = await setup();
    const contactId = await make(c, "/api/v1/contacts", { email: email(), phone: "090-1111-2222" });
    const low = await answered(c, surveyId, touchpointId, contactId, 2);
    const high = await answered(c, surveyId, touchpointId, contactId, 10);
    await open.db
      .updateTable("responses")
      .set({ contact_preference: "phone" })
      .where("workspace_id", "=", c.workspaceId)
      .where("id", "=", low.id)
      .execute();
    const consent = "私のコメントを株式会社声のウェブサイトで紹介することに同意します。";
    await open.db
      .updateTable("responses")
      .set({ testimonial_consent_text: consent, testimonial_consent_at: new Date("2026-12-01T00:00:00Z") })
      .where("workspace_id", "=", c.workspaceId)
      .where("id", "=", high.id)
      .execute();
    const { data } = (await c.call("GET", `/api/v1/contacts/${contactId}/timeline`)).body;
    const byId = new Map((data as { id: string }[]).map((e) => [e.id, e]));
    expect(byId.get(low.id)).toMatchObject({
      contactPreference: "phone",
      phone: "090-1111-2222",
      testimonialConsent: null,
    });
    expect(byId.get(high.id)).toMatchObject({
      contactPreference: null,
      testimonialConsent: { text: consent, at: "2026-12-01T00:00:00.000Z" },
    });
    expect(byId.get(high.id)).not.toHaveProperty("phone");
  });
});

describe("a company's page: its timeline and its NPS", () => {
  it("merges its contacts' entries, naming each, and reports only its contacts' answers", async () => {
    const { c, surveyId, touchpointId } = await setup();
    const companyId = await make(c, "/api/v1/companies", { name: "株式会社A" });
    const a = await make(c, "/api/v1/contacts", { email: email(), name: "A1", companyId });
    const b = await make(c, "/api/v1/contacts", { email: email(), name: "A2", companyId });
    const outsider = await make(c, "/api/v1/contacts", { email: email(), name: "外部" });
    await answered(c, surveyId, touchpointId, a, 10);
    await answered(c, surveyId, touchpointId, b, 3);
    await answered(c, surveyId, touchpointId, outsider, 0);
    await c.call("POST", `/api/v1/contacts/${b}/notes`, { body: "折り返し済み" });

    const timeline = await c.call("GET", `/api/v1/companies/${companyId}/timeline`);
    expect(timeline.status).toBe(200);
    const entries = timeline.body.data as { type: string; contactId: string; contactName: string }[];
    expect(entries.map((e) => [e.type, e.contactName])).toEqual([
      ["note", "A2"],
      ["response", "A2"],
      ["response", "A1"],
    ]);
    expect(entries.every((e) => e.contactId === a || e.contactId === b)).toBe(true);

    const report = await c.call("GET", `/api/v1/reports/nps?company=${companyId}&groupBy=month`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ n: 2, promoters: 1, detractors: 1, nps: 0 });
    expect(report.body.groups).toHaveLength(1);
    expect(report.body.marginOfError).toBeGreaterThan(0);
    const all = await c.call("GET", "/api/v1/reports/nps");
    expect(all.body).toMatchObject({ n: 3 });

    const other = await setup();
    expect((await other.c.call("GET", `/api/v1/companies/${companyId}/timeline`)).status).toBe(404);
    expect((await other.c.call("GET", `/api/v1/reports/nps?company=${companyId}`)).body).toMatchObject({
      n: 0,
    });
  });
});

describe("privacy requests", () => {
  async function person() {
    const { c, surveyId, touchpointId } = await setup();
    const companyId = await make(c, "/api/v1/companies", { name: "株式会社B" });
    const address = email();
    const contactId = await make(c, "/api/v1/contacts", {
      email: address,
      name: "消去 太郎",
      phone: "03-0000-0000",
      externalId: `ext-${randomUUID()}`,
      tags: ["vip"],
      companyId,
      attributes: { plan: "pro" },
    });
    const send = await c.call("POST", "/api/v1/sends", {
      surveyId,
      contactId,
      touchpointId,
      channel: "email",
    });
    expect(send.status).toBe(201);
    const low = await answered(c, surveyId, touchpointId, contactId, 4);
    await open.db
      .updateTable("responses")
      .set({ contact_preference: "phone", metadata: JSON.stringify({ orderId: "A-1" }) })
      .where("workspace_id", "=", c.workspaceId)
      .where("id", "=", low.id)
      .execute();
    const high = await answered(c, surveyId, touchpointId, contactId, 9);
    await open.db
      .updateTable("responses")
      .set({ testimonial_consent_text: "同意します", testimonial_consent_at: new Date() })
      .where("workspace_id", "=", c.workspaceId)
      .where("id", "=", high.id)
      .execute();
    // Someone else's answers, which must stay as they are.
    const other = await make(c, "/api/v1/contacts", { email: email() });
    await answered(c, surveyId, touchpointId, other, 10);
    await c.call("POST", `/api/v1/contacts/${contactId}/notes`, { body: "電話番号 03-0000-0000 に折り返し" });
    await open.db
      .insertInto("outbox")
      .values({
        workspace_id: c.workspaceId,
        id: randomUUID(),
        message_id: `<${randomUUID()}@koe.test>`,
        to_address: address,
        subject: "【株式会社B】1問だけのアンケート",
        html: "<p>消去 太郎様</p>",
        text: "消去 太郎様",
        headers: "{}",
      })
      .execute();
    const eventId = `order-${randomUUID()}`;
    await open.db
      .insertInto("events")
      .values({
        workspace_id: c.workspaceId,
        id: eventId,
        type: "order.delivered",
        contact_id: contactId,
        metadata: JSON.stringify({ address: "東京都千代田区" }),
        send_ids: "[]",
      })
      .execute();
    return {
      c,
      surveyId,
      touchpointId,
      companyId,
      address,
      contactId,
      sendId: send.body.id as string,
      low,
      high,
      other,
      eventId,
    };
  }

  it("exports everything Koe holds about the contact and records it in the audit log", async () => {
    const p = await person();
    const res = await p.c.call("GET", `/api/v1/contacts/${p.contactId}/privacy-export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="koe-contact-${p.contactId}.json"`,
    );
    const data = res.body;
    expect(data.contact).toMatchObject({
      id: p.contactId,
      email: p.address,
      phone: "03-0000-0000",
      tags: ["vip"],
    });
    expect(data.company).toMatchObject({ id: p.companyId, name: "株式会社B" });
    expect(data.notes).toEqual([expect.objectContaining({ body: "電話番号 03-0000-0000 に折り返し" })]);
    expect(data.sends).toEqual([expect.objectContaining({ id: p.sendId, contactId: p.contactId })]);
    expect((data.responses as { id: string }[]).map((r) => r.id).sort()).toEqual(
      [p.low.id, p.high.id].sort(),
    );
    expect(data.responses).toContainEqual(
      expect.objectContaining({
        id: p.low.id,
        contactPreference: "phone",
        metadata: { orderId: "A-1" },
        comment: "comment 4",
      }),
    );
    expect(data.responses).toContainEqual(expect.objectContaining({ testimonialConsentText: "同意します" }));
    expect(data.messages).toEqual([expect.objectContaining({ toAddress: p.address, text: "消去 太郎様" })]);
    expect(data.events).toEqual([
      expect.objectContaining({ id: p.eventId, metadata: { address: "東京都千代田区" } }),
    ]);
    expect((data.domainEvents as { type: string }[]).map((e) => e.type).sort()).toEqual(
      ["contact.created", "response.created", "response.created", "send.created"].sort(),
    );
    expect(data.suppression).toBeNull();
    expect(JSON.stringify(data)).not.toContain("workspaceId");

    const log = await p.c.call("GET", `/api/v1/audit-log?subjectId=${p.contactId}`);
    expect(log.status).toBe(200);
    expect(log.body.data).toEqual([
      expect.objectContaining({
        action: "contact.privacy_exported",
        subjectType: "contact",
        subjectId: p.contactId,
        actor: { kind: "api_key", id: expect.any(String), name: expect.stringMatching(/^API key /) },
        details: expect.objectContaining({ responses: 2, sends: 1, notes: 1 }),
      }),
    ]);
  });

  it("erases the personal data, keeps the scores anonymously: every report's figures are identical", async () => {
    const p = await person();
    const reports = [
      "/api/v1/reports/nps",
      "/api/v1/reports/nps?groupBy=month,touchpoint",
      "/api/v1/reports/nps?groupBy=segment",
      `/api/v1/reports/nps?touchpoint=${p.touchpointId}&groupBy=day`,
      "/api/v1/reports/response-rate",
    ];
    const read = async () => Promise.all(reports.map(async (r) => (await p.c.call("GET", r)).body));
    const before = await read();
    expect(before[0]).toMatchObject({ n: 3 });

    const erased = await p.c.call("POST", `/api/v1/contacts/${p.contactId}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({
      contactId: p.contactId,
      responsesAnonymised: 2,
      sendsAnonymised: 1,
      messagesSkipped: 0,
      messagesDeleted: 1,
      eventsAnonymised: 1,
      notesDeleted: 1,
      suppressed: true,
    });
    expect(await read()).toEqual(before);

    const ws = p.c.workspaceId;
    expect((await p.c.call("GET", `/api/v1/contacts/${p.contactId}`)).status).toBe(404);
    const responses = await open.db
      .selectFrom("responses")
      .selectAll()
      .where("workspace_id", "=", ws)
      .where("id", "in", [p.low.id, p.high.id])
      .execute();
    expect(responses).toHaveLength(2);
    for (const r of responses)
      expect(r).toMatchObject({
        contact_id: null,
        comment: null,
        testimonial_consent_text: null,
        contact_preference: null,
        metadata: {},
      });
    expect(responses.map((r) => r.score).sort()).toEqual([4, 9]);
    const others = await open.db
      .selectFrom("responses")
      .select(["comment"])
      .where("workspace_id", "=", ws)
      .where("contact_id", "=", p.other)
      .execute();
    expect(others).toEqual([{ comment: "comment 10" }]);

    // Nothing left that names them, except the suppression that keeps Koe from emailing them again.
    const everything = JSON.stringify(
      await Promise.all(
        (
          [
            "contacts",
            "contact_notes",
            "sends",
            "responses",
            "outbox",
            "events",
            "deliveries",
            "intents",
          ] as const
        ).map((t) => open.db.selectFrom(t).selectAll().where("workspace_id", "=", ws).execute()),
      ),
    );
    for (const personal of [
      p.address,
      "消去 太郎",
      "03-0000-0000",
      "東京都千代田区",
      "同意します",
      "comment 4",
      "A-1",
    ])
      expect(everything).not.toContain(personal);
    const { rows: payloads } = await sql<{ payload: unknown }>`
      select payload from domain_events where workspace_id = ${ws}`.execute(open.db);
    expect(JSON.stringify(payloads)).not.toContain(p.address);
    expect(JSON.stringify(payloads)).not.toContain(p.contactId);
    const suppression = await p.c.call("GET", `/api/v1/suppressions/${encodeURIComponent(p.address)}`);
    expect(suppression.status).toBe(200);
    expect(suppression.body).toMatchObject({ email: p.address, reason: "manual", source: "erased" });

    const log = await p.c.call("GET", "/api/v1/audit-log");
    expect(log.body.data[0]).toMatchObject({
      action: "contact.erased",
      subjectId: p.contactId,
      details: { responsesAnonymised: 2, suppressed: true },
    });
    expect(JSON.stringify(log.body)).not.toContain(p.address);
    expect((await p.c.call("POST", `/api/v1/contacts/${p.contactId}/erase`)).status).toBe(404);
  });

  it("keeps an address that was already suppressed as it was", async () => {
    const p = await person();
    expect(
      (await p.c.call("POST", "/api/v1/suppressions", { email: p.address, reason: "unsubscribed" })).status,
    ).toBeLessThan(300);
    await p.c.call("POST", `/api/v1/contacts/${p.contactId}/erase`);
    const suppression = await p.c.call("GET", `/api/v1/suppressions/${encodeURIComponent(p.address)}`);
    expect(suppression.body).toMatchObject({ reason: "unsubscribed" });
  });

  it("is for admins and owners only, like the audit log", async () => {
    const p = await person();
    for (const role of ["member", "viewer"] as const) {
      const who = await p.c.as(role);
      expect((await who.call("GET", `/api/v1/contacts/${p.contactId}/privacy-export`)).status).toBe(403);
      expect((await who.call("POST", `/api/v1/contacts/${p.contactId}/erase`)).status).toBe(403);
      expect((await who.call("GET", "/api/v1/audit-log")).status).toBe(403);
    }
    const admin = await p.c.as("admin");
    expect((await admin.call("GET", "/api/v1/audit-log")).body.data).toEqual([]);
    expect((await p.c.call("GET", `/api/v1/contacts/${p.contactId}`)).status).toBe(200);
    const other = await setup();
    expect((await other.c.call("POST", `/api/v1/contacts/${p.contactId}/erase`)).status).toBe(404);
    expect((await other.c.call("GET", `/api/v1/contacts/${p.contactId}/privacy-export`)).status).toBe(404);
  });

  it("pages the audit log newest first", async () => {
    const p = await person();
    for (let i = 0; i < 3; i++) await p.c.call("GET", `/api/v1/contacts/${p.contactId}/privacy-export`);
    const first = await p.c.call("GET", "/api/v1/audit-log?limit=2");
    expect(first.body.data).toHaveLength(2);
    const second = await p.c.call(
      "GET",
      `/api/v1/audit-log?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect((await p.c.call("GET", "/api/v1/audit-log?cursor=nope")).status).toBe(422);
  });
});
