// The fatigue rule on the real database: each rule alone, their precedence, the defaults and overrides.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWorkspace, openTestDatabase } from "../../../test/database.ts";
import type { Db, OpenDatabase } from "../../db/open.ts";
import type { SuppressionReason } from "../../db/schema.ts";
import { createContact } from "../contacts/contacts.ts";
import { newId } from "../ids.ts";
import { surveySettingsSchema } from "../surveys/survey-schema.ts";
import { createSurvey } from "../surveys/surveys.ts";
import { updateWorkspace } from "../workspaces/workspace-settings.ts";
import { decideFatigue, type FatigueCandidate, type FatigueDecision } from "./fatigue.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Noon in Tokyo, the test workspace's zone: outside quiet hours unless a test says otherwise.
const now = new Date("2026-06-10T03:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

let open: OpenDatabase;
let db: Db;
let ws: string;
let surveyId: string;

beforeAll(async () => {
  open = await openTestDatabase();
  db = open.db;
  ws = await newWorkspace(db);
  surveyId = (await createSurvey(db, ws, newSurvey())).id;
});
afterAll(() => open.close());

function newSurvey() {
  return {
    name: "NPS",
    kind: "nps" as const,
    question: { en: "Recommend?" },
    followUps: {},
    defaultLocale: "en" as const,
    status: "active" as const,
  };
}

async function newContact(timeZone: string | null = null, workspaceId = ws): Promise<FatigueCandidate> {
  const email = `${randomUUID()}@example.com`;
  const c = await createContact(db, workspaceId, { email, timeZone });
  return { contactId: c.id, email, timeZone };
}

async function surveyedAt(c: FatigueCandidate, at: Date | null, workspaceId = ws, survey = surveyId) {
  await db
    .insertInto("sends")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      survey_id: survey,
      contact_id: c.contactId,
      touchpoint_id: null,
      channel: "email",
      metadata: "{}",
      expires_at: new Date(now.getTime() + 30 * DAY),
      surveyed_at: at,
    })
    .execute();
}

async function respondedAt(c: FatigueCandidate, at: Date, sendId: string | null = null) {
  await db
    .insertInto("responses")
    .values({
      workspace_id: ws,
      id: newId(),
      survey_id: surveyId,
      contact_id: c.contactId,
      touchpoint_id: null,
      channel: "web",
      score: 9,
      segment: "promoter",
      comment: null,
      locale: null,
      metadata: "{}",
      source: sendId ? "email" : "widget",
      send_id: sendId,
      created_at: at,
    })
    .execute();
}

async function suppress(email: string, reason: SuppressionReason = "unsubscribed", workspaceId = ws) {
  await db
    .insertInto("suppressions")
    .values({ workspace_id: workspaceId, email, reason, source: null })
    .execute();
}

async function caseFor(c: FatigueCandidate, status: "open" | "closed") {
  await db
    .insertInto("cases")
    .values({ workspace_id: ws, id: newId(), contact_id: c.contactId, response_id: null, status })
    .execute();
}

async function decide(
  c: FatigueCandidate,
  opts: { surveyFatigueDays?: number; reminder?: boolean; at?: Date } = {},
  workspaceId = ws,
): Promise<FatigueDecision | undefined> {
  const { at = now, ...rest } = opts;
  return (await decideFatigue(db, workspaceId, [c], { now: at, ...rest })).get(c.contactId);
}

const send = { action: "send" };
const skip = (rule: string) => ({ action: "skip", rule });

describe("each rule on its own", () => {
  it("sends to a contact with nothing against them", async () => {
    expect(await decide(await newContact())).toEqual(send);
  });

  it("skips a suppressed address, whatever the reason and the case of the address", async () => {
    for (const reason of ["unsubscribed", "bounced", "complained", "manual"] as const) {
      const c = await newContact();
      await suppress(c.email as string, reason);
      expect(await decide({ ...c, email: (c.email as string).toUpperCase() })).toEqual(skip("suppressed"));
    }
  });

  it("skips a contact with an open case, not one whose cases are closed", async () => {
    const withOpen = await newContact();
    await caseFor(withOpen, "open");
    expect(await decide(withOpen)).toEqual(skip("open_case"));
    const withClosed = await newContact();
    await caseFor(withClosed, "closed");
    expect(await decide(withClosed)).toEqual(send);
  });

  it("skips a contact surveyed in the last 24 hours, by a send that went out or a response on any channel", async () => {
    const mailed = await newContact();
    await surveyedAt(mailed, ago(3 * HOUR));
    expect(await decide(mailed)).toEqual(skip("within_24h"));
    const answered = await newContact();
    await respondedAt(answered, ago(23 * HOUR));
    expect(await decide(answered)).toEqual(skip("within_24h"));
  });

  it("does not count an answer to a campaign's test send that showed the contact's data", async () => {
    const c = await newContact();
    const testSend = newId();
    await db
      .insertInto("sends")
      .values({
        workspace_id: ws,
        id: testSend,
        survey_id: surveyId,
        contact_id: c.contactId,
        touchpoint_id: null,
        channel: "email",
        metadata: JSON.stringify({ test: true }),
        expires_at: new Date(now.getTime() + 30 * DAY),
      })
      .execute();
    await respondedAt(c, ago(2 * HOUR), testSend);
    expect(await decide(c)).toEqual(send);
  });

  it("does not count a send whose first message has not gone out", async () => {
    const c = await newContact();
    await surveyedAt(c, null);
    expect(await decide(c)).toEqual(send);
  });

  it("skips a contact surveyed in the last 90 days by default, and asks again after them", async () => {
    const recent = await newContact();
    await surveyedAt(recent, ago(89 * DAY));
    expect(await decide(recent)).toEqual(skip("recently_surveyed"));
    const answeredRecently = await newContact();
    await respondedAt(answeredRecently, ago(10 * DAY));
    expect(await decide(answeredRecently)).toEqual(skip("recently_surveyed"));
    const longAgo = await newContact();
    await surveyedAt(longAgo, ago(91 * DAY));
    await respondedAt(longAgo, ago(120 * DAY));
    expect(await decide(longAgo)).toEqual(send);
  });

  it("postpones during quiet hours rather than dropping", async () => {
    const c = await newContact();
    // 23:00 in Tokyo → 08:00 the next morning.
    expect(await decide(c, { at: new Date("2026-06-10T14:00:00Z") })).toEqual({
      action: "postpone",
      rule: "quiet_hours",
      until: new Date("2026-06-10T23:00:00Z"),
    });
  });
});

describe("precedence", () => {
  it("reports a suppressed contact with an open case, surveyed an hour ago, as suppressed", async () => {
    const c = await newContact();
    await suppress(c.email as string);
    await caseFor(c, "open");
    await surveyedAt(c, ago(HOUR));
    expect(await decide(c, { at: new Date("2026-06-10T14:00:00Z") })).toEqual(skip("suppressed"));
  });

  it("puts an open case before the survey history, and the 24-hour floor before the N days", async () => {
    const c = await newContact();
    await caseFor(c, "open");
    await surveyedAt(c, ago(HOUR));
    expect(await decide(c)).toEqual(skip("open_case"));
    const d = await newContact();
    await surveyedAt(d, ago(HOUR));
    expect(await decide(d)).toEqual(skip("within_24h"));
  });

  it("keeps the 24-hour floor when the survey's own N days is 0", async () => {
    const c = await newContact();
    await surveyedAt(c, ago(2 * HOUR));
    expect(await decide(c, { surveyFatigueDays: 0 })).toEqual(skip("within_24h"));
    const d = await newContact();
    await surveyedAt(d, ago(2 * DAY));
    expect(await decide(d, { surveyFatigueDays: 0 })).toEqual(send);
    expect(await decide(d)).toEqual(skip("recently_surveyed"));
  });

  it("lets the survey's own N days override the workspace's, longer or shorter", async () => {
    const c = await newContact();
    await surveyedAt(c, ago(100 * DAY));
    expect(await decide(c)).toEqual(send);
    expect(await decide(c, { surveyFatigueDays: 180 })).toEqual(skip("recently_surveyed"));
    expect(await decide(c, { surveyFatigueDays: 7 })).toEqual(send);
  });
});

it("follows the workspace's fatigue.days (30 here) instead of the default 90", async () => {
  const other = await newWorkspace(db);
  await updateWorkspace(db, other, { settings: { fatigue: { days: 30 } } });
  const otherSurvey = (await createSurvey(db, other, newSurvey())).id;
  const old = await newContact(null, other);
  await surveyedAt(old, ago(45 * DAY), other, otherSurvey);
  const recent = await newContact(null, other);
  await surveyedAt(recent, ago(20 * DAY), other, otherSurvey);
  expect(await decide(old, {}, other)).toEqual(send);
  expect(await decide(recent, {}, other)).toEqual(skip("recently_surveyed"));
});

it("counts only the workspace's own suppression list", async () => {
  const other = await newWorkspace(db);
  const c = await newContact();
  await suppress(c.email as string, "bounced", other);
  expect(await decide(c)).toEqual(send);
});

describe("reminders (part of a send already made)", () => {
  it("ignore the 24-hour and N-day rules", async () => {
    const c = await newContact();
    await surveyedAt(c, ago(3 * DAY));
    await surveyedAt(c, ago(HOUR));
    expect(await decide(c, { reminder: true })).toEqual(send);
    expect(await decide(c, { reminder: true, surveyFatigueDays: 3650 })).toEqual(send);
  });

  it("still respect suppression, open cases and quiet hours", async () => {
    const unsubscribed = await newContact();
    await surveyedAt(unsubscribed, ago(3 * DAY));
    await suppress(unsubscribed.email as string);
    expect(await decide(unsubscribed, { reminder: true })).toEqual(skip("suppressed"));
    const withCase = await newContact();
    await caseFor(withCase, "open");
    expect(await decide(withCase, { reminder: true })).toEqual(skip("open_case"));
    const asleep = await newContact("Europe/London");
    expect(await decide(asleep, { reminder: true, at: new Date("2026-06-10T22:00:00Z") })).toMatchObject({
      action: "postpone",
      until: new Date("2026-06-11T07:00:00Z"), // 08:00 BST
    });
  });
});

it("postpones each contact to 08:00 on their own clock from the same moment", async () => {
  // 22:30 UTC on 14 January: 07:30 on the 15th in Tokyo, 22:30 on the 14th in London, 17:30 in New York.
  const at = new Date("2026-01-14T22:30:00Z");
  const tokyo = await newContact("Asia/Tokyo");
  const london = await newContact("Europe/London");
  const newYork = await newContact("America/New_York");
  const unknown = await newContact(null);
  const bogus = { ...(await newContact(null)), timeZone: "Not/A_Zone" };
  const decisions = await decideFatigue(db, ws, [tokyo, london, newYork, unknown, bogus], { now: at });
  const postponed = (until: string) => ({ action: "postpone", rule: "quiet_hours", until: new Date(until) });
  expect(decisions.get(tokyo.contactId)).toEqual(postponed("2026-01-14T23:00:00Z"));
  expect(decisions.get(london.contactId)).toEqual(postponed("2026-01-15T08:00:00Z"));
  expect(decisions.get(newYork.contactId)).toEqual(send);
  // No known zone: the workspace's (Asia/Tokyo).
  expect(decisions.get(unknown.contactId)).toEqual(postponed("2026-01-14T23:00:00Z"));
  expect(decisions.get(bogus.contactId)).toEqual(postponed("2026-01-14T23:00:00Z"));
});

it("decides 10,000 contacts in as many queries as one", async () => {
  let queries = 0;
  const counted = db.withPlugin({
    transformQuery: (args) => {
      queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  const suppressed = await newContact();
  await suppress(suppressed.email as string);
  const recent = await newContact();
  await surveyedAt(recent, ago(5 * DAY));
  await decideFatigue(counted, ws, [suppressed], { now });
  const forOne = queries;
  const strangers = Array.from({ length: 10_000 - 2 }, (_, i) => ({
    contactId: randomUUID(),
    email: `stranger${i}@example.com`,
    timeZone: i % 2 ? "Europe/London" : null,
  }));
  queries = 0;
  const decisions = await decideFatigue(counted, ws, [suppressed, recent, ...strangers], { now });
  expect(queries).toBe(forOne);
  expect(forOne).toBe(4); // the workspace, suppressions, open cases, survey history
  expect(decisions.size).toBe(10_000);
  expect(decisions.get(suppressed.contactId)).toEqual(skip("suppressed"));
  expect(decisions.get(recent.contactId)).toEqual(skip("recently_surveyed"));
  expect(decisions.get(strangers[0]!.contactId)).toEqual(send);
});

it("refuses a survey N days outside 0–3650", async () => {
  const c = await newContact();
  await expect(decide(c, { surveyFatigueDays: -1 })).rejects.toThrow(RangeError);
  await expect(decide(c, { surveyFatigueDays: 3651 })).rejects.toThrow(RangeError);
});

it("reads a survey's own N days from its settings, 0–3650 whole days", async () => {
  const survey = await createSurvey(db, ws, { ...newSurvey(), settings: { fatigueDays: 30 } });
  expect(survey.settings.fatigueDays).toBe(30);
  expect(surveySettingsSchema.safeParse({ fatigueDays: 0 }).success).toBe(true);
  for (const bad of [-1, 3651, 1.5, "30"]) {
    expect(surveySettingsSchema.safeParse({ fatigueDays: bad }).success).toBe(false);
  }
});
