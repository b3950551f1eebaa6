// The editor's live count says whom a launch would reach, and the launch then queues exactly that (plus the
// suppressed, who are queued and skipped); the launch warns about a sender without a postal address; a
// campaign's answers, NPS and response rate are read by a `campaign` filter.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createMailWorker } from "../../jobs/mail-worker.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { newId } from "../ids.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

/** pro: four with an email (one suppressed), one without; free: one; and an active survey. */
async function setUp() {
  const api = await testClient(open.db);
  await api.call("PATCH", "/api/v1/workspace", {
    settings: { fatigue: { quietStart: "00:00", quietEnd: "00:00" } },
  });
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "Relationship NPS",
    kind: "nps",
    question: { ja: "薦める可能性は？" },
    defaultLocale: "ja",
    status: "active",
  });
  const ids: string[] = [];
  const add = async (email: string | null, plan: string) => {
    const contact = { email, externalId: `x-${ids.length}`, timeZone: "UTC", attributes: { plan } };
    const made = await api.call("POST", "/api/v1/contacts", contact);
    expect(made.status).toBe(201);
    ids.push(made.body.id as string);
  };
  for (const e of ["a@example.jp", "b@example.jp", "c@example.jp", "optout@example.jp"]) await add(e, "pro");
  await add(null, "pro");
  await add("free@example.jp", "free");
  await api.call("POST", "/api/v1/suppressions", { email: "optout@example.jp", reason: "unsubscribed" });
  return { api, surveyId: survey.body.id as string, ids };
}

const count = (api: TestClient, body: unknown) => api.call("POST", "/api/v1/campaigns/audience-count", body);

/** Expands the launched audience; sends nothing unless given a batch size. */
async function expand(api: TestClient, batch = 0) {
  const w = createMailWorker({
    db: open.db,
    mailer: outboxMailer(open.db),
    links: { secret: TEST_SECRET, baseUrl: "http://koe.test" },
    workspaceId: api.workspaceId,
    batch,
  });
  for (let i = 0; i < 10 && (await w.tick()) > 0; i++);
}

describe("audience count", () => {
  it("counts a filter's reach without the contacts lacking an email or suppressed, as the launch queues it", async () => {
    const { api, surveyId } = await setUp();
    const audience = { kind: "filter", attributes: { plan: "pro" } };
    const counted = await count(api, { audience });
    expect(counted.status).toBe(200);
    expect(counted.body).toEqual({ matching: 5, withoutEmail: 1, suppressed: 1, reach: 3 });
    expect((await count(api, { audience: { kind: "all" } })).body).toEqual({
      matching: 6,
      withoutEmail: 1,
      suppressed: 1,
      reach: 4,
    });

    const c = await api.call("POST", "/api/v1/campaigns", { name: "pro", surveyId, audience });
    expect((await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`)).status).toBe(200);
    await expand(api);
    const p = (await api.call("GET", `/api/v1/campaigns/${c.body.id}/progress`)).body;
    // Whom it will email is the reach; the suppressed one is queued and will be skipped, the one without an
    // address never queued.
    expect(p).toMatchObject({ recipients: 4, queued: counted.body.reach, willSkipBy: { suppressed: 1 } });
    expect(p.willSkip).toBe(counted.body.suppressed);
  });

  it("counts chosen contacts, and an uploaded list through its campaign", async () => {
    const { api, surveyId, ids } = await setUp();
    const chosen = { kind: "ids", contactIds: [ids[0], ids[3], ids[4]] };
    expect((await count(api, { audience: chosen })).body).toEqual({
      matching: 3,
      withoutEmail: 1,
      suppressed: 1,
      reach: 1,
    });
    const c = await api.call("POST", "/api/v1/campaigns", {
      name: "csv",
      surveyId,
      audience: { kind: "csv" },
    });
    const csv = "email,plan\nnew@example.jp,pro\noptout@example.jp,pro\n";
    await api.call("POST", `/api/v1/campaigns/${c.body.id}/audience`, csv, { "content-type": "text/csv" });
    expect((await count(api, { audience: { kind: "csv" }, campaignId: c.body.id })).body).toEqual({
      matching: 2,
      withoutEmail: 0,
      suppressed: 1,
      reach: 1,
    });
    // Another workspace's campaign is not found, and its contacts are not counted.
    const other = await testClient(open.db);
    expect((await count(other, { audience: { kind: "csv" }, campaignId: c.body.id })).status).toBe(404);
    expect((await count(other, { audience: chosen })).body.matching).toBe(0);
  });
});

describe("launch warnings", () => {
  it("a launch without the sender's name, address and postal address goes ahead and says so", async () => {
    const { api, surveyId } = await setUp();
    const make = async () =>
      (await api.call("POST", "/api/v1/campaigns", { name: "w", surveyId, audience: { kind: "all" } })).body
        .id as string;
    const first = await make();
    const detail = await api.call("GET", `/api/v1/campaigns/${first}`);
    expect(detail.body.launchWarnings).toEqual([
      expect.objectContaining({ code: "sender_incomplete", missing: ["name", "address", "postalAddress"] }),
    ]);
    const launched = await api.call("POST", `/api/v1/campaigns/${first}/launch`);
    expect(launched.status).toBe(200);
    expect(launched.body).toMatchObject({ status: "scheduled", warnings: detail.body.launchWarnings });

    await api.call("PATCH", "/api/v1/workspace", {
      settings: { sender: { name: "Koe CX", address: "cx@example.jp" } },
    });
    const second = await make();
    expect((await api.call("POST", `/api/v1/campaigns/${second}/launch`)).body.warnings).toEqual([
      expect.objectContaining({ missing: ["postalAddress"] }),
    ]);
    await api.call("PATCH", "/api/v1/workspace", {
      settings: { sender: { postalAddress: "東京都千代田区1-1" } },
    });
    const third = await make();
    expect((await api.call("POST", `/api/v1/campaigns/${third}/launch`)).body.warnings).toEqual([]);
  });
});

describe("a campaign's answers", () => {
  it("the responses, the NPS and the response rate filter by campaign", async () => {
    const { api, surveyId, ids } = await setUp();
    const c = await api.call("POST", "/api/v1/campaigns", {
      name: "pro",
      surveyId,
      audience: { kind: "filter", attributes: { plan: "pro" } },
    });
    await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`);
    await expand(api, 100);
    // Two of the campaign's people answer (a promoter and a detractor); someone else answers elsewhere.
    for (const [contactId, score] of [
      [ids[0], 10],
      [ids[1], 3],
    ] as const) {
      await sql`insert into responses (workspace_id, id, survey_id, contact_id, send_id, channel, score, segment,
          source, created_at)
        select workspace_id, ${newId()}, survey_id, contact_id, id, 'email', ${score},
          ${score >= 9 ? "promoter" : "detractor"}, 'email', now()
        from sends where workspace_id = ${api.workspaceId} and campaign_id = ${c.body.id}
          and contact_id = ${contactId}`.execute(open.db);
    }
    const elsewhere = await api.call("POST", "/api/v1/responses", { surveyId, contactId: ids[5], score: 9 });
    expect(elsewhere.status).toBe(201);

    const listed = await api.call("GET", `/api/v1/responses?campaignId=${c.body.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((r: { score: number }) => r.score).sort()).toEqual([10, 3]);
    const nps = await api.call("GET", `/api/v1/reports/nps?campaign=${c.body.id}`);
    expect(nps.status).toBe(200);
    expect(nps.body).toMatchObject({ n: 2, nps: 0, promoters: 1, detractors: 1 });
    expect(nps.body.marginOfError).toBeGreaterThan(0);
    const all = await api.call("GET", `/api/v1/responses?surveyId=${surveyId}`);
    expect(all.body.data).toHaveLength(3);
    // Of the three emails that went out (the unsubscribed one's send was skipped), two were answered.
    const rate = await api.call("GET", `/api/v1/reports/response-rate?campaign=${c.body.id}`);
    expect(rate.body).toMatchObject({ sends: 3, responded: 2, rate: 0.6667 });
  });
});
