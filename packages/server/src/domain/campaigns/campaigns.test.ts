// Changing a campaign while the worker expands it: a cancel, pause or edit is never lost to the race.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createMailWorker } from "../../jobs/mail-worker.ts";
import { testClient, TEST_SECRET, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { ConflictError } from "../errors.ts";
import { changeCampaign, updateCampaign } from "./campaigns.ts";
import { expandNextChunk } from "./expand.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

async function draft(contacts: number): Promise<{ api: TestClient; surveyIds: string[]; id: string }> {
  const api = await testClient(open.db);
  const surveyIds: string[] = [];
  for (const name of ["A", "B"]) {
    const survey = await api.call("POST", "/api/v1/surveys", {
      name,
      kind: "nps",
      question: { en: "Recommend?" },
      defaultLocale: "en",
      status: "active",
    });
    surveyIds.push(survey.body.id);
  }
  for (let i = 0; i < contacts; i++)
    await api.call("POST", "/api/v1/contacts", { email: `r${i}@example.com` });
  const c = await api.call("POST", "/api/v1/campaigns", {
    name: "c",
    surveyId: surveyIds[0],
    audience: { kind: "all" },
  });
  return { api, surveyIds, id: c.body.id };
}

describe("campaign changes racing the worker", () => {
  it("a cancel racing the first expansion cancels, and nothing is sent", async () => {
    const { api, id } = await draft(3);
    await changeCampaign(open.db, api.workspaceId, id, "launch", new Date());
    const [cancelled] = await Promise.all([
      changeCampaign(open.db, api.workspaceId, id, "cancel", new Date()),
      expandNextChunk(open.db, api.workspaceId, id, "koe.test", new Date(), 1),
    ]);
    expect(cancelled.status).toBe("cancelled");
    const links = { secret: TEST_SECRET, baseUrl: "http://koe.test" };
    const mailer = outboxMailer(open.db);
    const worker = createMailWorker({ db: open.db, mailer, links, workspaceId: api.workspaceId });
    for (let i = 0; i < 5; i++) await worker.tick();
    expect((await api.call("GET", `/api/v1/campaigns/${id}`)).body.status).toBe("cancelled");
    expect((await api.call("GET", "/api/v1/outbox")).body.data).toEqual([]);
  });

  it("an edit racing the launch either lands before it or is refused", async () => {
    const { api, surveyIds, id } = await draft(1);
    const [edit, launch] = await Promise.allSettled([
      updateCampaign(open.db, api.workspaceId, id, { surveyId: surveyIds[1], name: "edited" }, new Date()),
      changeCampaign(open.db, api.workspaceId, id, "launch", new Date()),
    ]);
    if (edit.status === "rejected") expect(edit.reason).toBeInstanceOf(ConflictError);
    if (launch.status === "rejected") throw launch.reason;
    // Nothing changed the campaign after its launch: an edit accepted landed before it, a late one was refused.
    const now = (await api.call("GET", `/api/v1/campaigns/${id}`)).body;
    expect(now).toMatchObject({ status: "scheduled", updatedAt: now.launchedAt });
    expect(now.name).toBe(edit.status === "fulfilled" ? "edited" : "c");
    expect(now.surveyId).toBe(surveyIds[edit.status === "fulfilled" ? 1 : 0]);
  });
});
