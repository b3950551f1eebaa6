// Writing responses: inserts and score edits, each in one statement together with the rollups (and, for
// inserts, their response.created events: domain/events/record.ts).
import { sql } from "kysely";
import { groupedOnDb } from "../../db/grouped.ts";
import type { Db } from "../../db/open.ts";
import { addOneToRollups, addToRollups, slotFor } from "../rollups/rollups.ts";
import { insertEventsFrom } from "../events/record.ts";

const CHUNK = 10_000; // = MAX_BATCH: one rollup upsert per batch, so two imports cannot deadlock

/** A response ready to store: validated, with its segment and channel decided. */
export interface PreparedResponse {
  id: string;
  survey_id: string;
  contact_id: string | null;
  touchpoint_id: string | null;
  channel: string;
  score: number;
  segment: string;
  comment: string | null;
  locale: string | null;
  metadata: Record<string, unknown>;
  source: string;
  created_at: string;
  send_id?: string | null;
  contact_preference?: string | null;
  testimonial_consent_text?: string | null;
  testimonial_consent_at?: string | null;
}

const COLUMNS = sql.raw(`id, survey_id, contact_id, touchpoint_id, channel, score, segment, comment, locale,
  metadata, source, created_at, send_id, contact_preference, testimonial_consent_text, testimonial_consent_at`);

/** response.created's payload (record.ts) from a stored row `r`. */
const createdPayload = sql`jsonb_build_object('surveyId', r.survey_id, 'contactId', r.contact_id,
  'sendId', r.send_id, 'score', r.score, 'segment', r.segment, 'source', r.source)`;

/** The insert of rows given as one JSON array; the caller adds its conflict rule and what it returns. */
const insertFromJson = (workspaceId: string, rows: PreparedResponse[]) => sql`
  insert into responses (workspace_id, ${COLUMNS})
  select ${workspaceId}::uuid, r.id, r.survey_id, r.contact_id, r.touchpoint_id, r.channel, r.score, r.segment,
         r.comment, r.locale, coalesce(r.metadata, '{}'), r.source, r.created_at, r.send_id,
         r.contact_preference, r.testimonial_consent_text, r.testimonial_consent_at
  from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, survey_id uuid, contact_id uuid,
    touchpoint_id uuid, channel text, score smallint, segment text, comment text, locale text, metadata jsonb,
    source text, created_at timestamptz, send_id uuid, contact_preference text, testimonial_consent_text text,
    testimonial_consent_at timestamptz)`;

/** Call inside a transaction when several chunks must land together. */
export async function insertResponses(tx: Db, workspaceId: string, rows: PreparedResponse[]): Promise<void> {
  if (rows.length === 1) return insertOne(tx, workspaceId, rows[0]!);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql`
      with rows as (
        ${insertFromJson(workspaceId, rows.slice(i, i + CHUNK))}
        returning id, survey_id, touchpoint_id, channel, score, created_at, 1 as w, contact_id, send_id, segment,
          source
      ),
      recorded as (${insertEventsFrom(workspaceId, "response.created", "rows", "id", createdPayload)})
      ${addToRollups(workspaceId, slotFor(rows.length))}`.execute(tx);
  }
}

/**
 * Page answers of one workspace in one statement: the responses, their rollups and their sends' pending
 * intents confirmed. A send that has its response already keeps it; the ids stored are returned.
 */
async function insertAnswers(db: Db, workspaceId: string, answers: PreparedResponse[]): Promise<Set<string>> {
  // In send order, so two groups answering the same sends wait for each other instead of deadlocking.
  const sorted = answers.toSorted((a, b) => (a.send_id ?? "").localeCompare(b.send_id ?? ""));
  const { rows } = await sql<{ id: string }>`
    with rows as (
      ${insertFromJson(workspaceId, sorted)}
      on conflict (workspace_id, send_id) where send_id is not null do nothing
      returning id, send_id, survey_id, touchpoint_id, channel, score, created_at, 1 as w, contact_id, segment,
        source
    ),
    recorded as (${insertEventsFrom(workspaceId, "response.created", "rows", "id", createdPayload)}),
    confirmed as (
      update intents set verdict = 'confirmed'
      where workspace_id = ${workspaceId} and verdict = 'pending' and send_id in (select send_id from rows)
    ),
    rolled_up as (${addToRollups(workspaceId, slotFor(1))})
    select id from rows`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/**
 * Stores one page answer; false when its send has a response already (the caller edits that instead).
 * Concurrent answers to one workspace go as one statement: one commit for many people.
 */
export const insertAnswer = groupedOnDb(
  async (db, workspaceId: string, answers: PreparedResponse[]) => {
    const stored = await insertAnswers(db, workspaceId, answers);
    return answers.map((a) => stored.has(a.id));
  },
  { inFlight: 4, maxSize: 200 },
);

/** One response (a single API row): a plain VALUES insert, cheaper to plan and run than the batch form. */
async function insertOne(tx: Db, workspaceId: string, r: PreparedResponse): Promise<void> {
  await sql`
    with rows as (
      insert into responses (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, score, segment,
             comment, locale, metadata, source, created_at, send_id, contact_preference,
             testimonial_consent_text, testimonial_consent_at)
      values (${workspaceId}, ${r.id}, ${r.survey_id}, ${r.contact_id}, ${r.touchpoint_id}, ${r.channel},
             ${r.score}, ${r.segment}, ${r.comment}, ${r.locale}, ${JSON.stringify(r.metadata)}, ${r.source},
             ${r.created_at}, ${r.send_id ?? null}, ${r.contact_preference ?? null},
             ${r.testimonial_consent_text ?? null}, ${r.testimonial_consent_at ?? null})
      returning id, survey_id, touchpoint_id, channel, created_at, contact_id, send_id, score, segment, source
    ),
    recorded as (${insertEventsFrom(workspaceId, "response.created", "rows", "id", createdPayload)})
    ${addOneToRollups(workspaceId, r.score, slotFor(1))}`.execute(tx);
}

export interface AnswerChange {
  score: number;
  segment: string;
  comment: string | null;
  locale: string | null;
  contact_preference: string | null;
  testimonial_consent_text: string | null;
  testimonial_consent_at: string | null;
}

/** Edits a response in place; a changed score moves its count between rollup buckets. */
export async function updateResponse(
  tx: Db,
  workspaceId: string,
  id: string,
  change: AnswerChange,
  /** The clock's time, ISO: the edit's updated_at. */
  at: string,
): Promise<void> {
  await sql`
    with old as (
      select survey_id, touchpoint_id, channel, score, created_at from responses
      where workspace_id = ${workspaceId} and id = ${id} for update
    ),
    updated as (
      update responses set score = ${change.score}, segment = ${change.segment}, comment = ${change.comment},
        locale = coalesce(${change.locale}, locale), contact_preference = ${change.contact_preference},
        testimonial_consent_text = ${change.testimonial_consent_text},
        testimonial_consent_at = ${change.testimonial_consent_at}, updated_at = ${at}
      where workspace_id = ${workspaceId} and id = ${id}
      returning survey_id, touchpoint_id, channel, score, created_at
    ),
    rows as (
      select *, -1 as w from old where old.score <> ${change.score}
      union all
      select *, 1 as w from updated where exists (select 1 from old where old.score <> ${change.score})
    )
    ${addToRollups(workspaceId, slotFor(1))}`.execute(tx);
}
