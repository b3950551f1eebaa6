// Expanding an audience into sends and first messages, chunk by chunk: every contact once per round,
// whether one range is inserted at a time or two at once (PostgreSQL), and also when a step's inserts
// committed but the campaign's advance was lost (a crash between them).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../db/open.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { onPostgres, openTestDatabase } from "../../../test/database.ts";
import { expandNextChunk } from "./expand.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

async function launched(contacts: number): Promise<{ api: TestClient; campaignId: string }> {
  const api = await testClient(open.db);
  const survey = await api.call("POST", "/api/v1/surveys", {
    name: "NPS",
    kind: "nps",
    question: { en: "Recommend?" },
    followUps: {},
    defaultLocale: "en",
    status: "active",
  });
  for (let i = 0; i < contacts; i++)
    await api.call("POST", "/api/v1/contacts", { email: `p${i}@example.com` });
  const c = await api.call("POST", "/api/v1/campaigns", {
    name: "all",
    surveyId: survey.body.id,
    audience: { kind: "all" },
  });
  await api.call("POST", `/api/v1/campaigns/${c.body.id}/launch`);
  return { api, campaignId: c.body.id as string };
}

async function counts(workspaceId: string, campaignId: string) {
  const { rows } = await sql<{ contacts: number; sends: number; messages: number }>`
    select count(distinct s.contact_id)::int as contacts, count(distinct s.id)::int as sends,
           count(d.id)::int as messages
    from sends s left join deliveries d on d.workspace_id = s.workspace_id and d.send_id = s.id
    where s.workspace_id = ${workspaceId} and s.campaign_id = ${campaignId}`.execute(open.db);
  return rows[0];
}

async function expandAll(api: TestClient, campaignId: string, parallel: 1 | 2): Promise<number> {
  let steps = 0;
  for (;;) {
    const r = await expandNextChunk(
      open.db,
      api.workspaceId,
      campaignId,
      "koe.test",
      new Date(),
      4,
      parallel,
    );
    steps++;
    if (!r || r.done) return steps;
  }
}

describe("expandNextChunk", () => {
  it("queues each contact once, four at a time", async () => {
    const { api, campaignId } = await launched(11);
    expect(await expandAll(api, campaignId, 1)).toBe(3);
    expect(await counts(api.workspaceId, campaignId)).toEqual({ contacts: 11, sends: 11, messages: 11 });
  });

  it.runIf(onPostgres())("queues each contact once with two ranges at a time, eight per step", async () => {
    const { api, campaignId } = await launched(19);
    expect(await expandAll(api, campaignId, 2)).toBe(3);
    expect(await counts(api.workspaceId, campaignId)).toEqual({ contacts: 19, sends: 19, messages: 19 });
  });

  it.runIf(onPostgres())(
    "queues nobody twice when a step's inserts committed but its advance was lost",
    async () => {
      const { api, campaignId } = await launched(13);
      await expandNextChunk(open.db, api.workspaceId, campaignId, "koe.test", new Date(), 4, 2);
      // As after a crash between the two ranges' commits and the campaign's update: back to the start.
      await sql`update campaigns set expand_after = null, expanded = false where id = ${campaignId}`.execute(
        open.db,
      );
      await expandAll(api, campaignId, 2);
      expect(await counts(api.workspaceId, campaignId)).toEqual({ contacts: 13, sends: 13, messages: 13 });
    },
  );
});
