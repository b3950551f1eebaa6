// A contact's (or a company's contacts') timeline: the surveys sent, the answers and the team's notes, newest
// first. A send carries its score clicks with the scanner verdicts, so an admin sees why a click was not
// counted; an answer carries what the person asked for (call, email, no contact) and a promoter's consent.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";
import { z } from "zod";
import { segments } from "../../shared/scales.ts";
import { channels, idOut, timeOut } from "../fields.ts";
import { getRow } from "../rows.ts";
import { intentSchema, type Intent } from "../sends/send-schema.ts";

const count = z.number().int();

/** A send's newest score clicks shown on the timeline; the send itself (GET /sends/:id) lists them all. */
export const TIMELINE_INTENTS_PER_SEND = 20;

/** A score click on a send's link with its verdict and reason (docs/SURVEY-PAGES.md). */
const timelineIntentSchema = intentSchema.omit({ userAgent: true }).meta({ id: "TimelineIntent" });
export type TimelineIntent = z.output<typeof timelineIntentSchema>;

const intentCountsSchema = z.object({ bot: count, pending: count, confirmed: count });
export type IntentCounts = z.output<typeof intentCountsSchema>;

/** On a company's timeline: whose entry it is. */
const contactOf = {
  contactId: idOut.optional().describe("A company's timeline: the contact the entry is about"),
  contactName: z.string().nullable().optional().describe("A company's timeline: the contact's name or email"),
};

/** A send or a response, named so the page need not look its survey and touchpoint up. */
const surveyTimelineEntrySchema = z
  .object({
    type: z.enum(["send", "response"]),
    id: idOut,
    at: timeOut,
    surveyId: idOut,
    surveyName: z.string(),
    touchpointId: idOut.nullable(),
    touchpointName: z.string().nullable(),
    channel: z.enum(channels),
    score: z.number().int().optional().describe("Responses: the score"),
    segment: z.enum(segments).optional().describe("Responses: the score's segment"),
    comment: z.string().nullable().optional().describe("Responses: the comment"),
    contactPreference: z
      .enum(["email", "phone", "none"])
      .nullable()
      .optional()
      .describe("Responses: how the person asked to be contacted (a detractor's choice), if they chose"),
    phone: z
      .string()
      .nullable()
      .optional()
      .describe(
        "Responses that asked for a call: the contact's phone number now (null when none is on file)",
      ),
    testimonialConsent: z
      .object({ text: z.string().describe("The exact consent text the person agreed to"), at: timeOut })
      .nullable()
      .optional()
      .describe("Responses: a promoter's consent to be quoted, if given"),
    responseId: idOut
      .nullable()
      .optional()
      .describe("Sends: the send's answer, if it has one (its own entry)"),
    intents: z
      .array(timelineIntentSchema)
      .optional()
      .describe(`Sends: the newest score clicks, oldest first (at most ${TIMELINE_INTENTS_PER_SEND})`),
    intentCounts: intentCountsSchema
      .optional()
      .describe("Sends: how many clicks there are in all, by verdict"),
    ...contactOf,
  })
  .meta({ id: "SurveyTimelineEntry" });
export type SurveyTimelineEntry = z.output<typeof surveyTimelineEntrySchema>;

const noteTimelineEntrySchema = z
  .object({
    type: z.literal("note"),
    id: idOut,
    at: timeOut,
    body: z.string(),
    author: z.string().describe("Who wrote it, as named when it was written"),
    ...contactOf,
  })
  .meta({ id: "NoteTimelineEntry" });
export type NoteTimelineEntry = z.output<typeof noteTimelineEntrySchema>;

export const timelineEntrySchema = z
  .discriminatedUnion("type", [surveyTimelineEntrySchema, noteTimelineEntrySchema])
  .meta({ id: "TimelineEntry" });
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

/** What GET /contacts/{id}/timeline answers: the newest entries, newest first. */
export const contactTimelineSchema = z
  .object({ data: z.array(timelineEntrySchema) })
  .meta({ id: "ContactTimeline" });

/** What GET /companies/{id}/timeline answers: its contacts' newest entries, each naming its contact. */
export const companyTimelineSchema = z
  .object({ data: z.array(timelineEntrySchema) })
  .meta({ id: "CompanyTimeline" });

interface Row {
  type: TimelineEntry["type"];
  id: string;
  at: Date;
  survey_id: string | null;
  survey_name: string | null;
  touchpoint_id: string | null;
  touchpoint_name: string | null;
  channel: string | null;
  score: number | null;
  segment: string | null;
  comment: string | null;
  body: string | null;
  author: string | null;
  response_id: string | null;
  contact_preference: "email" | "phone" | "none" | null;
  testimonial_consent_text: string | null;
  testimonial_consent_at: Date | null;
  contact_id: string;
  contact_name: string | null;
  phone: string | null;
}

interface SendIntents {
  intents: TimelineIntent[];
  counts: IntentCounts;
}

function toEntry(r: Row, intents: Map<string, SendIntents>, named: boolean): TimelineEntry {
  const at = r.at.toISOString();
  const whose = named ? { contactId: r.contact_id, contactName: r.contact_name } : {};
  if (r.type === "note")
    return { type: "note", id: r.id, at, body: r.body ?? "", author: r.author ?? "", ...whose };
  return {
    ...whose,
    type: r.type,
    id: r.id,
    at,
    surveyId: r.survey_id ?? "",
    surveyName: r.survey_name ?? "",
    touchpointId: r.touchpoint_id,
    touchpointName: r.touchpoint_name,
    // Written only from validated input (channelSchema, segmentOf), so the text columns hold these words.
    channel: (r.channel ?? "") as SurveyTimelineEntry["channel"],
    ...(r.type === "response"
      ? {
          score: r.score as number,
          segment: r.segment as SurveyTimelineEntry["segment"],
          comment: r.comment,
          contactPreference: r.contact_preference,
          ...(r.contact_preference === "phone" ? { phone: r.phone } : {}),
          testimonialConsent:
            r.testimonial_consent_text !== null && r.testimonial_consent_at !== null
              ? { text: r.testimonial_consent_text, at: r.testimonial_consent_at.toISOString() }
              : null,
        }
      : {
          responseId: r.response_id,
          intents: intents.get(r.id)?.intents ?? [],
          intentCounts: intents.get(r.id)?.counts ?? { bot: 0, pending: 0, confirmed: 0 },
        }),
  };
}

export async function getContactTimeline(
  db: Db,
  workspaceId: string,
  contactId: string,
  limit = 100,
): Promise<TimelineEntry[]> {
  await getRow(db, "contacts", workspaceId, contactId); // 404 for another workspace's contact
  return readTimeline(db, workspaceId, { contactIds: sql`array[${contactId}::uuid]`, named: false, limit });
}

/** A company's timeline: every one of its contacts' sends, answers and notes, newest first, each named. */
export async function getCompanyTimeline(
  db: Db,
  workspaceId: string,
  companyId: string,
  limit = 100,
): Promise<TimelineEntry[]> {
  await getRow(db, "companies", workspaceId, companyId);
  const contactIds = sql`array(select id from contacts where workspace_id = ${workspaceId} and company_id = ${companyId})`;
  return readTimeline(db, workspaceId, { contactIds, named: true, limit });
}

async function readTimeline(
  db: Db,
  workspaceId: string,
  opts: { contactIds: RawBuilder<unknown>; named: boolean; limit: number },
): Promise<TimelineEntry[]> {
  const { contactIds, limit } = opts;
  const { rows } = await sql<Row>`
    select e.*, s.name as survey_name, t.name as touchpoint_name,
           coalesce(c.name, c.email, c.external_id) as contact_name, c.phone
    from (
      (select 'send' as type, id, created_at as at, survey_id, touchpoint_id, channel,
              null::smallint as score, null::text as segment, null::text as comment,
              null::text as body, null::text as author,
              (select r.id from responses r
               where r.workspace_id = ${workspaceId} and r.send_id = sends.id) as response_id,
              null::text as contact_preference, null::text as testimonial_consent_text,
              null::timestamptz as testimonial_consent_at, contact_id
       from sends where workspace_id = ${workspaceId} and contact_id = any(${contactIds})
       order by created_at desc limit ${limit})
      union all
      (select 'response', id, created_at, survey_id, touchpoint_id, channel, score, segment, comment,
              null, null, null, contact_preference, testimonial_consent_text, testimonial_consent_at, contact_id
       from responses where workspace_id = ${workspaceId} and contact_id = any(${contactIds})
       order by created_at desc limit ${limit})
      union all
      (select 'note', id, created_at, null, null, null, null, null, null, body, author_name, null,
              null, null, null, contact_id
       from contact_notes where workspace_id = ${workspaceId} and contact_id = any(${contactIds})
       order by created_at desc limit ${limit})
      order by at desc, type, id desc limit ${limit}
    ) e
    left join surveys s on s.workspace_id = ${workspaceId} and s.id = e.survey_id
    left join touchpoints t on t.workspace_id = ${workspaceId} and t.id = e.touchpoint_id
    left join contacts c on c.workspace_id = ${workspaceId} and c.id = e.contact_id
    order by e.at desc, e.type, e.id desc`.execute(db);
  const sendIds = rows.filter((r) => r.type === "send").map((r) => r.id);
  const intents = await getRecentIntentsOfSends(db, workspaceId, sendIds, TIMELINE_INTENTS_PER_SEND);
  return rows.map((r) => toEntry(r, intents, opts.named));
}

/** Each send's newest `perSend` score clicks (oldest first) and how many it has in all, by verdict. */
async function getRecentIntentsOfSends(
  db: Db,
  workspaceId: string,
  sendIds: string[],
  perSend: number,
): Promise<Map<string, SendIntents>> {
  const bySend = new Map<string, SendIntents>();
  if (sendIds.length === 0) return bySend;
  const { rows } = await sql<{
    id: string;
    send_id: string;
    score: number;
    verdict: Intent["verdict"];
    reason: Intent["reason"];
    created_at: Date;
    bot: number;
    pending: number;
    confirmed: number;
  }>`
    select id, send_id, score, verdict, reason, created_at, bot, pending, confirmed from (
      select id, send_id, score, verdict, reason, created_at,
             row_number() over (partition by send_id order by created_at desc, id desc) as rank,
             (count(*) filter (where verdict = 'bot') over (partition by send_id))::int as bot,
             (count(*) filter (where verdict = 'pending') over (partition by send_id))::int as pending,
             (count(*) filter (where verdict = 'confirmed') over (partition by send_id))::int as confirmed
      from intents
      where workspace_id = ${workspaceId} and send_id = any(${sendIds}::uuid[])
    ) i
    where rank <= ${perSend}
    order by send_id, created_at, id`.execute(db);
  for (const r of rows) {
    const counts = { bot: r.bot, pending: r.pending, confirmed: r.confirmed };
    const entry = bySend.get(r.send_id) ?? { intents: [], counts };
    entry.intents.push({
      id: r.id,
      score: r.score,
      verdict: r.verdict,
      reason: r.reason,
      createdAt: r.created_at.toISOString(),
    });
    bySend.set(r.send_id, entry);
  }
  return bySend;
}
