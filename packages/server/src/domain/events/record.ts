// Durable domain events: their types and payloads, and recording them in the transaction of the change
// they describe (a rolled-back change leaves no event). Subscribers receive them through dispatch.ts.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";

/** Each event type's payload; the subject is the row the event is about (response, send, contact, campaign). */
export interface EventPayloads {
  /** Subject: the response. */
  "response.created": {
    surveyId: string;
    contactId: string | null;
    sendId: string | null;
    score: number;
    segment: string;
    source: string;
  };
  /** Subject: the response; a respondent's edit within the edit window. */
  "response.updated": { surveyId: string; score: number; segment: string; previousScore: number };
  /** Subject: the send. */
  "send.created": { surveyId: string; contactId: string | null; campaignId: string | null; channel: string };
  /** Subject: the contact; how it came (the API, a campaign's CSV audience, an incoming event). */
  "contact.created": {
    email: string | null;
    externalId: string | null;
    via: "api" | "audience" | "event" | "import";
  };
  /** Subject: the contact, one event per contact with the address. */
  "contact.unsubscribed": { email: string; source: string | null };
  /** Subject: the campaign; a one-off campaign whose audience was queued and whose messages have all left. */
  "campaign.finished": { round: number };
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES = [
  "response.created",
  "response.updated",
  "send.created",
  "contact.created",
  "contact.unsubscribed",
  "campaign.finished",
] as const satisfies readonly EventType[];

/** An event to record. */
export type NewEvent<T extends EventType = EventType> = {
  [K in T]: { workspaceId: string; type: K; subjectId: string; payload: EventPayloads[K] };
}[T];

/** An event as recorded; `id` orders a subject's events in commit order. */
export type DomainEvent<T extends EventType = EventType> = {
  [K in T]: {
    id: number;
    workspaceId: string;
    type: K;
    subjectId: string;
    payload: EventPayloads[K];
    createdAt: Date;
  };
}[T];

/**
 * Records one event in `trx`, the transaction that made the change. Call it after the subject's row is
 * written (or locked): a second transaction on the same subject then waits for this one's commit before it
 * takes its id, so the subject's events are numbered in the order they committed.
 */
export async function recordEvent(trx: Db, event: NewEvent): Promise<void> {
  await recordEvents(trx, [event]);
}

/** The bulk form: many events (e.g. a campaign's sends) in one statement, in the order given. */
export async function recordEvents(trx: Db, events: readonly NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5_000) {
    const chunk = events.slice(i, i + 5_000);
    await sql`
      insert into domain_events (workspace_id, type, subject_id, payload)
      select e.workspace_id, e.type, e.subject_id, e.payload
      from rows from (jsonb_to_recordset(${JSON.stringify(
        chunk.map((e) => ({
          workspace_id: e.workspaceId,
          type: e.type,
          subject_id: e.subjectId,
          payload: e.payload,
        })),
      )}::jsonb) as (workspace_id uuid, type text, subject_id uuid, payload jsonb))
        with ordinality as e (workspace_id, type, subject_id, payload, n)
      order by e.n`.execute(trx);
  }
}

/**
 * The insert of one event per row of `source` (a CTE of the caller's statement), for changes made in one
 * statement: the event is then part of the same statement, so it commits or vanishes with the change.
 * `payload` is a jsonb expression over the source's columns (alias `r`).
 */
export function insertEventsFrom<T extends EventType>(
  workspaceId: string,
  type: T,
  source: string,
  subject: string,
  payload: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`
    insert into domain_events (workspace_id, type, subject_id, payload)
    select ${workspaceId}::uuid, ${type}, r.${sql.ref(subject)}, ${payload}
    from ${sql.table(source)} r`;
}
