// Reports and response rates filtered by a contact attribute read the attribute and send rollups for the
// days the rollup job has recomputed and the raw rows for the days changed since. Whatever the job has or
// has not done yet, and after every kind of change, they equal the same figures computed from the raw rows
// (two attribute filters always take the raw path; every contact here is in region jp, so adding
// attribute.region=jp keeps the same responses).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { campaignTestSend } from "../../../test/test-send.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { refreshRollupsFully } from "../../domain/rollups/refresh-rollups.ts";
import { personFields } from "../../../test/page-form.ts";

let open: OpenDatabase;
let c: TestClient;
const ids: Record<string, string> = {};
const contacts: string[] = [];
const plans = ["pro", "free", "pro", "enterprise", "free", "pro"];

const refresh = () => refreshRollupsFully(c.db, { workspaceId: c.workspaceId });

async function importResponses(month: string, count: number, offset = 0) {
  const places = [ids.phone, ids.chat, null];
  const rows = [];
  for (let i = offset; i < offset + count; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    // 15:30 UTC is 00:30 the next day in Tokyo, the workspace's time zone.
    const createdAt = `2026-${month}-${day}T${i % 2 ? "15:30" : "03:00"}:00Z`;
    const contactId = i % 7 === 6 ? null : contacts[i % contacts.length];
    rows.push({ surveyId: ids.nps, score: (i * 7) % 11, touchpointId: places[i % 3], contactId, createdAt });
    rows.push({
      surveyId: ids.csat,
      score: 1 + (i % 5),
      touchpointId: places[(i + 1) % 3],
      contactId,
      createdAt,
    });
    rows.push({ surveyId: ids.ces, score: 1 + (i % 7), touchpointId: places[i % 3], contactId, createdAt });
  }
  const res = await c.call("POST", "/api/v1/responses", rows);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** A send to a contact, answered on its page (as a person does) or not, moved to the given time. */
async function send(contactId: string | null, at: string, score?: number) {
  const res = await c.call("POST", "/api/v1/sends", {
    surveyId: ids.nps,
    touchpointId: ids.phone,
    contactId,
  });
  expect(res.status).toBe(201);
  if (score !== undefined) {
    const path = (res.body.url as string).replace("http://koe.test", "");
    const page = await (await c.app.request(path)).text();
    const { ft, h } = personFields(page);
    const answered = await c.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ft, h, score: String(score), step: "done", comment: "" }).toString(),
    });
    expect(answered.status).toBe(303);
  }
  await sql`update sends set created_at = ${at}::timestamptz
    where workspace_id = ${c.workspaceId} and id = ${res.body.id}`.execute(c.db);
}

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const touchpoint = async (name: string, channel: string, team: string) =>
    (await c.call("POST", "/api/v1/touchpoints", { name, kind: "support", channel, team })).body.id as string;
  ids.phone = await touchpoint("電話", "phone", "サポート");
  ids.chat = await touchpoint("チャット", "chat", "Sales");
  for (const kind of ["nps", "csat", "ces"])
    ids[kind] = (
      await c.call("POST", "/api/v1/surveys", {
        name: kind,
        kind,
        status: "active",
        question: { ja: "質問" },
      })
    ).body.id;
  for (const [i, plan] of plans.entries()) {
    const res = await c.call("POST", "/api/v1/contacts", {
      email: `a${i}@example.com`,
      attributes: { plan, region: "jp", seats: 10 * (i % 3), trial: i % 2 === 0 },
    });
    contacts.push(res.body.id);
  }
  await importResponses("03", 120);
  await importResponses("04", 60, 120);
  for (const [i, contact] of contacts.entries()) {
    await send(contact, `2026-03-${String(3 + i).padStart(2, "0")}T02:00:00Z`, i % 2 ? 9 : undefined);
    await send(contact, `2026-04-${String(3 + i).padStart(2, "0")}T15:30:00Z`, i % 3 ? 4 : undefined);
  }
  await send(null, "2026-03-09T02:00:00Z");
});
afterAll(() => open.close());

const reportQueries = [
  "",
  "groupBy=day",
  "groupBy=month,touchpoint",
  "groupBy=segment,channel",
  "groupBy=survey",
  "from=2026-03-15&to=2026-04-10&groupBy=week",
  "from=2026-04-01&to=2026-04-30&compare=previous",
  `team=${encodeURIComponent("サポート")}&groupBy=month`,
  `touchpoint=${"%TP%"}&channel=chat`,
];
const rateQueries = [
  "",
  "from=2026-03-01&to=2026-03-31",
  "from=2026-04-01&to=2026-04-30",
  `team=${encodeURIComponent("サポート")}`,
  "channel=email",
];

/** Every report and response rate filtered by `filter` equals the raw path's figures for the same contacts. */
async function expectSameAsRaw(filter: string, label: string) {
  for (const kind of ["nps", "csat", "ces"]) {
    for (const q of reportQueries.map((q) => q.replace("%TP%", ids.chat as string))) {
      const path = `/api/v1/reports/${kind}?${q}${q ? "&" : ""}`;
      const fast = await c.call("GET", `${path}${filter}`);
      const raw = await c.call("GET", `${path}${filter}&attribute.region=jp`);
      expect(fast.status, q).toBe(200);
      expect(fast.body, `${label}: ${kind} ${q} ${filter}`).toEqual(raw.body);
    }
  }
  for (const q of rateQueries) {
    const path = `/api/v1/reports/response-rate?${q}${q ? "&" : ""}`;
    const fast = await c.call("GET", `${path}${filter}`);
    const raw = await c.call("GET", `${path}${filter}&attribute.region=jp`);
    expect(fast.status, q).toBe(200);
    expect(fast.body, `${label}: response rate ${q} ${filter}`).toEqual(raw.body);
  }
}

const rolledUp = async () =>
  (
    await sql<{
      attribute: string;
    }>`select attribute from rollup_attributes where workspace_id = ${c.workspaceId}
      order by attribute`.execute(c.db)
  ).rows.map((r) => r.attribute);

const pending = async () =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from rollup_changes where workspace_id = ${c.workspaceId}`.execute(c.db)
    ).rows[0]?.n,
  );

describe("attribute and send rollups", () => {
  it("give the raw figures before the job has run, after it, and with days changed since", async () => {
    await expectSameAsRaw("attribute.plan=pro", "before the job");
    expect(await refresh()).toBeGreaterThan(0);
    expect(await rolledUp()).toEqual(["plan", "region", "seats", "trial"]);
    expect(await pending()).toBe(0);
    for (const filter of [
      "attribute.plan=pro",
      "attribute.plan=free",
      "attribute.seats=10",
      "attribute.trial=true",
    ])
      await expectSameAsRaw(filter, "after the job");
    // New answers on days already rolled up, and a new day: those days are read from the responses.
    await importResponses("04", 30, 500);
    await send(contacts[0] as string, "2026-04-20T02:00:00Z", 10);
    expect(await pending()).toBeGreaterThan(0);
    await expectSameAsRaw("attribute.plan=pro", "new responses, job not run");
    await refresh();
    await expectSameAsRaw("attribute.plan=pro", "new responses, job run");
  });

  it("follow a contact whose attributes change, and one that is deleted", async () => {
    await refresh();
    const before = await c.call("GET", "/api/v1/reports/nps?attribute.plan=enterprise");
    const res = await c.call("PATCH", `/api/v1/contacts/${contacts[1]}`, {
      attributes: { plan: "enterprise", region: "jp", seats: 10, trial: false },
    });
    expect(res.status).toBe(200);
    const after = await c.call("GET", "/api/v1/reports/nps?attribute.plan=enterprise");
    expect(after.body.n).toBeGreaterThan(before.body.n);
    await expectSameAsRaw("attribute.plan=enterprise", "attributes changed, job not run");
    await refresh();
    await expectSameAsRaw("attribute.plan=enterprise", "attributes changed, job run");
    await expectSameAsRaw("attribute.plan=free", "attributes changed, job run");

    expect((await c.call("DELETE", `/api/v1/contacts/${contacts[5]}`)).status).toBe(204);
    await expectSameAsRaw("attribute.plan=pro", "contact deleted, job not run");
    await refresh();
    await expectSameAsRaw("attribute.plan=pro", "contact deleted, job run");
  });

  it("follow an edited score and a new time zone", async () => {
    await refresh();
    await sql`update responses set score = 10 - score
      where workspace_id = ${c.workspaceId} and survey_id = ${ids.nps} and created_at < '2026-03-10'`.execute(
      c.db,
    );
    await expectSameAsRaw("attribute.plan=pro", "scores edited, job not run");
    await refresh();
    await expectSameAsRaw("attribute.plan=pro", "scores edited, job run");

    const zone = await c.call("PATCH", "/api/v1/workspace", { timeZone: "America/New_York" });
    expect(zone.status).toBe(200);
    await expectSameAsRaw("attribute.plan=pro", "new time zone, job not run");
    await refresh();
    await expectSameAsRaw("attribute.plan=pro", "new time zone, job run");
    await c.call("PATCH", "/api/v1/workspace", { timeZone: "Asia/Tokyo" });
    await refresh();
  });

  it("leave out attributes with many values, which still answer from the responses", async () => {
    await sql`insert into contacts (workspace_id, id, email, attributes)
      select ${c.workspaceId}::uuid, gen_random_uuid(), 'many' || g || '@example.com',
             jsonb_build_object('ref', 'R' || g, 'region', 'jp')
      from generate_series(1, 120) g`.execute(c.db);
    await refresh();
    expect(await rolledUp()).not.toContain("ref");
    const ref = await sql<{ id: string }>`select id from contacts
      where workspace_id = ${c.workspaceId} and attributes ->> 'ref' = 'R7'`.execute(c.db);
    const contactId = ref.rows[0]?.id;
    const rows = [3, 9, 10].map((score) => ({
      surveyId: ids.nps,
      score,
      contactId,
      createdAt: "2026-04-02T03:00:00Z",
    }));
    expect((await c.call("POST", "/api/v1/responses", rows)).status).toBe(201);
    await send(contactId as string, "2026-04-02T02:00:00Z", 9);
    const report = await c.call("GET", "/api/v1/reports/nps?attribute.ref=R7");
    expect(report.body).toMatchObject({ n: 4, promoters: 3, detractors: 1 }); // with the answered send
    const rate = await c.call("GET", "/api/v1/reports/response-rate?attribute.ref=R7");
    expect(rate.body).toMatchObject({ sends: 1, responded: 1 });
    await expectSameAsRaw("attribute.ref=R7", "attribute not rolled up");
  });

  it("count the response rate by attribute, leaving test sends out", async () => {
    await refresh();
    const all = await c.call("GET", "/api/v1/reports/response-rate");
    await campaignTestSend(c, ids.nps as string, contacts[0] as string);
    expect(await pending()).toBe(0); // a test send changes no rollup
    await send(contacts[0] as string, "2026-03-25T02:00:00Z");
    const more = await c.call("GET", "/api/v1/reports/response-rate");
    expect(more.body.sends).toBe(all.body.sends + 1);
    await refresh();
    expect((await c.call("GET", "/api/v1/reports/response-rate")).body).toEqual(more.body);
    const plan = await Promise.all(
      ["pro", "free", "enterprise"].map(
        async (p) =>
          (await c.call("GET", `/api/v1/reports/response-rate?attribute.plan=${p}`)).body.sends as number,
      ),
    );
    const withContact = await sql<{ n: number }>`select count(*)::int as n from sends
      where workspace_id = ${c.workspaceId} and contact_id is not null and (metadata ->> 'test') is distinct from 'true'
        and contact_id in (select id from contacts where workspace_id = ${c.workspaceId} and attributes ? 'plan')`.execute(
      c.db,
    );
    expect(plan.reduce((a, b) => a + b, 0)).toBe(withContact.rows[0]?.n);
  });
});
