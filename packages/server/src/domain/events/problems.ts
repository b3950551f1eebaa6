// What operators see of event delivery (`koe events`): per subscriber, the events still being retried and
// the dead ones with their last error; and a dead event handed to its subscriber again.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { NotFoundError } from "../errors.ts";

export interface EventProblem {
  subscriber: string;
  eventId: number;
  type: string;
  subjectId: string;
  workspaceId: string;
  /** retry: waiting for its next try (or behind an earlier event of its subject); dead: given up on. */
  state: "retry" | "dead";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface EventDeliveryReport {
  /** Every subscriber that has run, with how many of its events are being retried and dead. */
  subscribers: { name: string; retrying: number; dead: number }[];
  /** The unsettled events, dead first, oldest first; at most `limit`. */
  problems: EventProblem[];
}

export async function eventDeliveryReport(
  db: Db,
  opts: { subscriber?: string | undefined; limit?: number } = {},
): Promise<EventDeliveryReport> {
  const only = opts.subscriber ? sql`and d.subscriber = ${opts.subscriber}` : sql``;
  const { rows: counts } = await sql<{ name: string; retrying: number; dead: number }>`
    select s.name, count(d.*) filter (where d.state = 'retry')::int as retrying,
           count(d.*) filter (where d.state = 'dead')::int as dead
    from event_subscribers s left join event_deliveries d on d.subscriber = s.name and d.state <> 'handled'
    where true ${opts.subscriber ? sql`and s.name = ${opts.subscriber}` : sql``}
    group by s.name order by s.name`.execute(db);
  const { rows } = await sql<{
    subscriber: string;
    event_id: number;
    type: string;
    subject_id: string;
    workspace_id: string;
    state: "retry" | "dead";
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date | null;
  }>`
    select d.subscriber, d.event_id, e.type, e.subject_id, e.workspace_id, d.state, d.attempts, d.last_error,
           d.next_attempt_at
    from event_deliveries d join domain_events e on e.id = d.event_id
    where d.state <> 'handled' ${only}
    order by d.state = 'dead' desc, d.event_id
    limit ${opts.limit ?? 100}`.execute(db);
  return {
    subscribers: counts,
    problems: rows.map((r) => ({
      subscriber: r.subscriber,
      eventId: Number(r.event_id),
      type: r.type,
      subjectId: r.subject_id,
      workspaceId: r.workspace_id,
      state: r.state,
      attempts: r.attempts,
      lastError: r.last_error,
      nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
    })),
  };
}

/**
 * Hands a dead event to its subscriber again on the next dispatch, with a fresh count of tries (after the
 * handler or what it calls was fixed). Its subject's later events may have been handled meanwhile.
 */
export async function retryDeadEvent(
  db: Db,
  subscriber: string,
  eventId: number,
  /** The clock's time. */
  now: Date,
): Promise<void> {
  const { rows } = await sql`
    update event_deliveries set state = 'retry', attempts = 0, next_attempt_at = null, updated_at = ${now}
    where subscriber = ${subscriber} and event_id = ${eventId} and state = 'dead'
    returning 1`.execute(db);
  if (rows.length === 0) throw new NotFoundError(`no dead event ${eventId} for subscriber ${subscriber}`);
}
