// Each change records its event in its own transaction or statement: page answers and their edits, API
// and imported responses (the COPY path on PostgreSQL too), sends (the API, incoming events, campaign
// expansion), contacts (the API, events, CSV audiences), unsubscribes and campaigns finishing; a change
// that rolls back or is refused records nothing.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import type { Db, OpenDatabase } from "../../db/open.ts";
import { newNpsSurvey, newWorkspace, openTestDatabase } from "../../../test/database.ts";
import { importAudienceCsv } from "../campaigns/audience-csv.ts";
import { changeCampaign, createCampaign } from "../campaigns/campaigns.ts";
import { runDueCampaigns } from "../campaigns/run-due.ts";
import { createContact } from "../contacts/contacts.ts";
import { saveAnswer } from "../responses/answer.ts";
import { importResponses } from "../responses/import-responses.ts";
import { answerTargetOf, loadSendContext } from "../sends/send-context.ts";
import { createSend } from "../sends/sends.ts";
import { suppress, suppressMany } from "../suppressions/suppressions.ts";
import { receiveEvent } from "../triggers/events.ts";
import { createTrigger } from "../triggers/triggers.ts";
import { recordEvent } from "./record.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

const links = { secret: "test-secret-".padEnd(40, "x"), baseUrl: "http://koe.test" };

interface Row {
  type: string;
  subject_id: string;
  payload: Record<string, unknown>;
}

const eventsOf = async (db: Db, ws: string, type?: string): Promise<Row[]> =>
  (
    await sql<Row>`
      select type, subject_id, payload from domain_events
      where workspace_id = ${ws} ${type ? sql`and type = ${type}` : sql``} order by id`.execute(db)
  ).rows;

class Rollback extends Error {}
/** Runs `fn` in a transaction that is then rolled back. */
const rolledBack = (db: Db, fn: (trx: Db) => Promise<unknown>) =>
  expect(
    db.transaction().execute(async (trx) => {
      await fn(trx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);

describe("recorded events", () => {
  it("a page answer records response.created; its edit response.updated", async () => {
    const ws = await newWorkspace(open.db);
    const surveyId = await newNpsSurvey(open.db, ws);
    const now = new Date();
    const send = await createSend(open.db, ws, { surveyId, channel: "email" }, links, now);
    const context = (await loadSendContext(open.db, ws, send.id))!;
    const first = await saveAnswer(open.db, ws, answerTargetOf(context), { score: 3, locale: "en" }, now);
    const again = (await loadSendContext(open.db, ws, send.id))!;
    await saveAnswer(open.db, ws, answerTargetOf(again), { score: 9, locale: "en" }, now);
    expect(await eventsOf(open.db, ws)).toEqual([
      {
        type: "send.created",
        subject_id: send.id,
        payload: { surveyId, contactId: null, campaignId: null, channel: "email" },
      },
      {
        type: "response.created",
        subject_id: first.responseId,
        payload: {
          surveyId,
          contactId: null,
          sendId: send.id,
          score: 3,
          segment: "detractor",
          source: "email",
        },
      },
      {
        type: "response.updated",
        subject_id: first.responseId,
        payload: { surveyId, score: 9, segment: "promoter", previousScore: 3 },
      },
    ]);
  });

  it("an import records one response.created per stored row, on either path, and none when refused", async () => {
    const ws = await newWorkspace(open.db);
    const surveyId = await newNpsSurvey(open.db, ws);
    const now = new Date();
    // Two rows or more take PostgreSQL's COPY path; one row the single insert.
    const many = await importResponses(
      open.db,
      ws,
      [
        { surveyId, score: 10, source: "import" },
        { surveyId, score: 1 },
        { surveyId, score: 99 },
      ],
      now,
    );
    const one = await importResponses(open.db, ws, [{ surveyId, score: 7 }], now);
    await expect(
      importResponses(
        open.db,
        ws,
        [
          { surveyId, score: 5 },
          { surveyId, score: 99 },
        ],
        now,
        { atomic: true },
      ),
    ).rejects.toThrow();
    const events = await eventsOf(open.db, ws, "response.created");
    expect(events.map((e) => e.subject_id)).toEqual([...many.ids, ...one.ids]);
    expect(events[0]!.payload).toMatchObject({ surveyId, score: 10, segment: "promoter", source: "import" });
    expect(events[2]!.payload).toMatchObject({ score: 7, segment: "passive", source: "api" });
  });

  it("sends record send.created: the API, an incoming event and a campaign's expansion", async () => {
    const ws = await newWorkspace(open.db);
    const surveyId = await newNpsSurvey(open.db, ws);
    const clock = new ManualClock(new Date());
    const now = new Date(clock.now());
    await createTrigger(open.db, ws, {
      name: "after chat",
      eventType: "chat.closed",
      surveyId,
      touchpointId: null,
    });
    const got = await receiveEvent(
      open.db,
      ws,
      { id: "chat-1", type: "chat.closed", contact: { email: "ev@example.com" } },
      { messageHost: "koe.test", now },
    );
    const contacts = await eventsOf(open.db, ws, "contact.created");
    expect(contacts).toEqual([
      {
        type: "contact.created",
        subject_id: expect.any(String),
        payload: { email: "ev@example.com", externalId: null, via: "event" },
      },
    ]);
    await createContact(open.db, ws, { email: "api@example.com" });
    const campaign = await createCampaign(open.db, ws, { name: "all", surveyId, audience: { kind: "all" } });
    await changeCampaign(open.db, ws, campaign.id, "launch", now);
    await runDueCampaigns(open.db, "koe.test", { workspaceId: ws, clock });
    const sends = await eventsOf(open.db, ws, "send.created");
    expect(sends[0]).toEqual({
      type: "send.created",
      subject_id: got.sends[0]!.id,
      payload: { surveyId, contactId: contacts[0]!.subject_id, campaignId: null, channel: "email" },
    });
    const { rows: campaignSends } = await sql<{ id: string; contact_id: string }>`
      select id, contact_id from sends where workspace_id = ${ws} and campaign_id = ${campaign.id}
      order by id`.execute(open.db);
    expect(campaignSends).toHaveLength(2);
    expect(sends.slice(1)).toEqual(
      campaignSends.map((s) => ({
        type: "send.created",
        subject_id: s.id,
        payload: { surveyId, contactId: s.contact_id, campaignId: campaign.id, channel: "email" },
      })),
    );

    // The campaign finishes once its messages have left: campaign.finished, once.
    expect(await eventsOf(open.db, ws, "campaign.finished")).toEqual([]);
    await sql`update deliveries set status = 'sent' where workspace_id = ${ws}`.execute(open.db);
    await runDueCampaigns(open.db, "koe.test", { workspaceId: ws, clock });
    await runDueCampaigns(open.db, "koe.test", { workspaceId: ws, clock });
    expect(await eventsOf(open.db, ws, "campaign.finished")).toEqual([
      { type: "campaign.finished", subject_id: campaign.id, payload: { round: 0 } },
    ]);
  });

  it("contacts record contact.created once: the API and a CSV audience (new addresses only)", async () => {
    const ws = await newWorkspace(open.db);
    const surveyId = await newNpsSurvey(open.db, ws);
    const known = await createContact(open.db, ws, { email: "known@example.com", externalId: "k-1" });
    await expect(createContact(open.db, ws, { email: "known@example.com" })).rejects.toThrow();
    const campaign = await createCampaign(open.db, ws, { name: "csv", surveyId, audience: { kind: "csv" } });
    await importAudienceCsv(
      open.db,
      ws,
      campaign.id,
      new TextEncoder().encode("email,name\nknown@example.com,Known\nnew@example.com,New\n"),
    );
    const events = await eventsOf(open.db, ws, "contact.created");
    expect(events.map((e) => e.payload)).toEqual([
      { email: "known@example.com", externalId: "k-1", via: "api" },
      { email: "new@example.com", externalId: null, via: "audience" },
    ]);
    expect(events[0]!.subject_id).toBe(known.id);
  });

  it("an unsubscribe records contact.unsubscribed for each contact with the address, once", async () => {
    const ws = await newWorkspace(open.db);
    const contact = await createContact(open.db, ws, { email: "leaving@example.com" });
    await suppress(open.db, ws, { email: "Leaving@example.com", reason: "unsubscribed", source: "page" });
    await suppress(open.db, ws, { email: "leaving@example.com", reason: "unsubscribed" });
    await suppressMany(open.db, ws, [
      { email: "bounced@example.com", reason: "bounced" },
      { email: "nobody@example.com", reason: "unsubscribed" },
    ]);
    expect(await eventsOf(open.db, ws, "contact.unsubscribed")).toEqual([
      {
        type: "contact.unsubscribed",
        subject_id: contact.id,
        payload: { email: "leaving@example.com", source: "page" },
      },
    ]);
  });

  it("a change that rolls back records nothing", async () => {
    const ws = await newWorkspace(open.db);
    const contact = await createContact(open.db, ws, { email: "stay@example.com" });
    const before = await eventsOf(open.db, ws);
    await rolledBack(open.db, (trx) =>
      recordEvent(trx, {
        workspaceId: ws,
        type: "contact.unsubscribed",
        subjectId: randomUUID(),
        payload: { email: "x@example.com", source: null },
      }),
    );
    await rolledBack(open.db, (trx) => suppress(trx, ws, { email: contact.email!, reason: "unsubscribed" }));
    expect(await eventsOf(open.db, ws)).toEqual(before);
  });
});
