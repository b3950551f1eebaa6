// Archiving a touchpoint: what it keeps (answers, reports, the campaigns and triggers it has) and what it
// refuses (a new campaign or trigger on it), and how lists show it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { newNpsSurvey, openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
const clock = new ManualClock("2026-12-06T09:00:00Z");

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db, { deps: { clock } });
  surveyId = await newNpsSurvey(open.db, c.workspaceId);
});
afterAll(() => open.close());

const newTouchpoint = async (name: string) => {
  const res = await c.call("POST", "/api/v1/touchpoints", { name, kind: "support", channel: "email" });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const names = async (query: string) =>
  ((await c.call("GET", `/api/v1/touchpoints${query}`)).body.data as { name: string }[])
    .map((t) => t.name)
    .sort();

describe("archiving a touchpoint", () => {
  it("marks it archived once, lists it by the archived filter, and unarchives it", async () => {
    const id = await newTouchpoint("Old helpdesk");
    const live = await newTouchpoint("Chat");
    const fresh = (await c.call("GET", `/api/v1/touchpoints/${id}`)).body;
    expect(fresh).toMatchObject({ archived: false, archivedAt: null });

    const archived = await c.call("POST", `/api/v1/touchpoints/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ archived: true, archivedAt: "2026-12-06T09:00:00.000Z" });
    // Again later: the first time stays.
    clock.advance(60_000);
    const again = await c.call("POST", `/api/v1/touchpoints/${id}/archive`);
    expect(again.body.archivedAt).toBe("2026-12-06T09:00:00.000Z");

    // Every touchpoint by default, as before archiving existed; or only one side.
    expect(await names("")).toEqual(["Chat", "Old helpdesk"]);
    expect(await names("?archived=all")).toEqual(["Chat", "Old helpdesk"]);
    expect(await names("?archived=false")).toEqual(["Chat"]);
    expect(await names("?archived=true")).toEqual(["Old helpdesk"]);
    expect((await c.call("GET", "/api/v1/touchpoints?archived=maybe")).status).toBe(422);

    const back = await c.call("POST", `/api/v1/touchpoints/${id}/unarchive`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ archived: false, archivedAt: null });
    expect(await names("?archived=false")).toEqual(["Chat", "Old helpdesk"]);
    expect((await c.call("POST", `/api/v1/touchpoints/${live}/unarchive`)).body.archived).toBe(false);
    expect(
      (await c.call("POST", "/api/v1/touchpoints/00000000-0000-7000-8000-000000000000/archive")).status,
    ).toBe(404);
  });

  it("refuses a new campaign or trigger on it (422 saying why), keeps those it has editable", async () => {
    const id = await newTouchpoint("Branch office");
    const trigger = await c.call("POST", "/api/v1/triggers", {
      name: "Visit",
      eventType: "visit.ended",
      surveyId,
      touchpointId: id,
    });
    expect(trigger.status).toBe(201);
    const campaign = await c.call("POST", "/api/v1/campaigns", {
      name: "Branch survey",
      surveyId,
      touchpointId: id,
      audience: { kind: "all" },
    });
    expect(campaign.status).toBe(201);
    await c.call("POST", `/api/v1/touchpoints/${id}/archive`);

    const newTrigger = await c.call("POST", "/api/v1/triggers", {
      name: "Visit 2",
      eventType: "visit.ended",
      surveyId,
      touchpointId: id,
    });
    expect(newTrigger.status).toBe(422);
    expect(newTrigger.body.errors[0].path).toBe("touchpointId");
    expect(newTrigger.body.errors[0].message).toContain('touchpoint "Branch office" is archived');
    const newCampaign = await c.call("POST", "/api/v1/campaigns", {
      name: "Again",
      surveyId,
      touchpointId: id,
      audience: { kind: "all" },
    });
    expect(newCampaign.status).toBe(422);
    expect(newCampaign.body.errors[0].message).toContain("is archived");

    // Moving another one onto it is a new use, refused too.
    const other = await c.call("POST", "/api/v1/triggers", { name: "Other", eventType: "x", surveyId });
    const moved = await c.call("PATCH", `/api/v1/triggers/${other.body.id}`, { touchpointId: id });
    expect(moved.status).toBe(422);

    // The ones it had keep it, and an edit that sends the same touchpoint back (as a form does) is fine.
    const edited = await c.call("PATCH", `/api/v1/triggers/${trigger.body.id}`, {
      name: "Visit (old office)",
      touchpointId: id,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.touchpointId).toBe(id);
    const editedCampaign = await c.call("PATCH", `/api/v1/campaigns/${campaign.body.id}`, {
      name: "Branch survey (old)",
      touchpointId: id,
    });
    expect(editedCampaign.status).toBe(200);

    await c.call("POST", `/api/v1/touchpoints/${id}/unarchive`);
    const afterUnarchive = await c.call("POST", "/api/v1/triggers", {
      name: "Visit 3",
      eventType: "visit.ended",
      surveyId,
      touchpointId: id,
    });
    expect(afterUnarchive.status).toBe(201);
  });

  it("keeps its answers in the reports", async () => {
    const id = await newTouchpoint("Retired kiosk");
    const at = "2026-12-01T10:00:00Z";
    for (const score of [10, 9, 3])
      expect(
        (await c.call("POST", "/api/v1/responses", { surveyId, touchpointId: id, score, createdAt: at }))
          .status,
      ).toBe(201);
    await c.call("POST", `/api/v1/touchpoints/${id}/archive`);
    const report = await c.call(
      "GET",
      `/api/v1/reports/nps?from=2026-12-01&to=2026-12-02&surveyId=${surveyId}&touchpoint=${id}`,
    );
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ n: 3, promoters: 2, detractors: 1 });
  });

  it("is for those who may change touchpoints", async () => {
    const id = await newTouchpoint("Phone line");
    for (const role of ["viewer", "member"] as const) {
      const who = await c.as(role);
      expect((await who.call("POST", `/api/v1/touchpoints/${id}/archive`)).status).toBe(403);
      expect((await who.call("POST", `/api/v1/touchpoints/${id}/unarchive`)).status).toBe(403);
    }
    const admin = await c.as("admin");
    expect((await admin.call("POST", `/api/v1/touchpoints/${id}/archive`)).status).toBe(200);
  });
});
