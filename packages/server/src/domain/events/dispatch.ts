// Hands recorded events to subscribers: at least once, in id order per subject, each in the handler's own
// transaction together with the row saying it was handled (so a handler's writes and that mark commit or
// vanish together, and a second run skips what is marked). A failing event is retried with backoff and
// only holds up later events of its own subject; after maxAttempts it is marked dead with its error.
import { sql } from "kysely";
import type { Clock } from "../../clock.ts";
import type { Db } from "../../db/open.ts";
import type { DomainEvent, EventType } from "./record.ts";

export interface HandlerContext {
  /** The handler's transaction: write here, and the event counts as handled exactly when this commits. */
  trx: Db;
  clock: Clock;
  /** 1 on the first try. */
  attempt: number;
}

/** A subscriber: a stable name (its handling state is kept under it), the types it wants and its handler. */
export interface Subscriber<T extends EventType = EventType> {
  name: string;
  types: readonly T[];
  /** Must be idempotent by event.id for effects outside the database (e.g. send the id as a webhook key). */
  handle(event: DomainEvent<T>, ctx: HandlerContext): Promise<void>;
}

export interface DispatchOptions {
  /** Events looked at per subscriber and run; default 500. */
  batch?: number;
  /** Tries before an event is dead for a subscriber; default 8. */
  maxAttempts?: number;
  /** The wait before try n + 1 after n failures; default 30 s doubling, at most 1 h. */
  backoffMs?: (failures: number) => number;
  /** Only this workspace's events (one tenant's run); the subscriber's horizon then stays where it is. */
  workspaceId?: string;
}

export interface DispatchResult {
  handled: number;
  failed: number;
  dead: number;
  /** A subscriber had a full batch: more may be waiting, run again at once. */
  more: boolean;
}

const defaultBackoff = (failures: number) => Math.min(30_000 * 2 ** (failures - 1), 3_600_000);

interface EventRow {
  id: number;
  workspace_id: string;
  type: string;
  subject_id: string;
  payload: unknown;
  created_at: Date;
}

interface OpenRow {
  event_id: number;
  subject_id: string;
  attempts: number;
  next_attempt_at: Date | null;
}

const toEvent = (r: EventRow): DomainEvent =>
  ({
    id: Number(r.id),
    workspaceId: r.workspace_id,
    type: r.type,
    subjectId: r.subject_id,
    payload: r.payload,
    createdAt: r.created_at,
  }) as DomainEvent;

/** Runs every subscriber once over what is waiting for it. */
export async function dispatchEvents(
  db: Db,
  subscribers: readonly Subscriber[],
  clock: Clock,
  opts: DispatchOptions = {},
): Promise<DispatchResult> {
  const total: DispatchResult = { handled: 0, failed: 0, dead: 0, more: false };
  for (const s of subscribers) {
    const r = await dispatchTo(db, s, clock, opts);
    total.handled += r.handled;
    total.failed += r.failed;
    total.dead += r.dead;
    total.more ||= r.more;
  }
  return total;
}

async function dispatchTo(
  db: Db,
  subscriber: Subscriber,
  clock: Clock,
  opts: DispatchOptions,
): Promise<DispatchResult> {
  const batch = opts.batch ?? 500;
  const result: DispatchResult = { handled: 0, failed: 0, dead: 0, more: false };
  const now = new Date(clock.now());
  // Every transaction older than xmin has ended: no event with a tx_id below it can still appear. Read
  // before the scan, so everything below it is visible to the scan.
  const { rows: snap } = await sql<{ xmin: string }>`
    select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db);
  const xmin = snap[0]!.xmin;
  await sql`insert into event_subscribers (name) values (${subscriber.name}) on conflict do nothing`.execute(
    db,
  );
  const { rows: state } = await sql<{ horizon: string }>`
    select horizon::text as horizon from event_subscribers where name = ${subscriber.name}`.execute(db);
  const horizon = state[0]!.horizon;
  const types = [...subscriber.types];
  const scope = opts.workspaceId ? sql`and e.workspace_id = ${opts.workspaceId}` : sql``;

  // Events waiting for a retry (or behind one of their subject): their subjects are held up until they
  // are due; due ones are tried again in order with the new ones.
  const { rows: open } = await sql<OpenRow>`
    select d.event_id, e.subject_id, d.attempts, d.next_attempt_at
    from event_deliveries d join domain_events e on e.id = d.event_id
    where d.subscriber = ${subscriber.name} and d.state = 'retry' ${scope}
    order by d.event_id`.execute(db);
  const held = new Set<string>();
  const attemptsOf = new Map<number, number>();
  const dueIds: number[] = [];
  for (const o of open) {
    attemptsOf.set(Number(o.event_id), o.attempts);
    if (held.has(o.subject_id)) continue;
    if (o.next_attempt_at && o.next_attempt_at > now) held.add(o.subject_id);
    else dueIds.push(Number(o.event_id));
  }
  const { rows: fresh } = await sql<EventRow>`
    select e.id, e.workspace_id, e.type, e.subject_id, e.payload, e.created_at from domain_events e
    where e.tx_id >= ${horizon}::xid8 and e.type = any(${types}::text[]) ${scope}
      and not exists (select 1 from event_deliveries d where d.subscriber = ${subscriber.name} and d.event_id = e.id)
    order by e.id limit ${batch}`.execute(db);
  const { rows: retried } = dueIds.length
    ? await sql<EventRow>`
        select e.id, e.workspace_id, e.type, e.subject_id, e.payload, e.created_at from domain_events e
        where e.id = any(${dueIds}::bigint[])`.execute(db)
    : { rows: [] as EventRow[] };
  const events = [...fresh, ...retried].map(toEvent).sort((a, b) => a.id - b.id);

  for (const event of events) {
    if (held.has(event.subjectId)) {
      // Behind a failed event of its subject: kept as waiting, so the horizon can pass it.
      await markWaiting(db, subscriber.name, event.id, now);
      continue;
    }
    const attempt = (attemptsOf.get(event.id) ?? 0) + 1;
    try {
      const done = await db.transaction().execute(async (trx) => {
        // The mark first: a concurrent run handling the same event waits here for this one's outcome.
        const claimed = await sql`
          insert into event_deliveries (subscriber, event_id, state, attempts, updated_at)
          values (${subscriber.name}, ${event.id}, 'handled', ${attempt}, ${now})
          on conflict (subscriber, event_id) do update
            set state = 'handled', attempts = excluded.attempts, last_error = null, next_attempt_at = null,
                updated_at = excluded.updated_at
            where event_deliveries.state = 'retry'
          returning 1`.execute(trx);
        if (claimed.rows.length === 0) return false;
        await subscriber.handle(event, { trx, clock, attempt });
        return true;
      });
      if (done) result.handled++;
    } catch (e) {
      const dead = attempt >= (opts.maxAttempts ?? 8);
      // A dead event is settled: its subject's next events go on.
      if (!dead) held.add(event.subjectId);
      const next = new Date(now.getTime() + (opts.backoffMs ?? defaultBackoff)(attempt));
      await markFailed(db, subscriber.name, event.id, attempt, errorText(e), dead ? null : next, now);
      if (dead) result.dead++;
      else result.failed++;
    }
  }
  // With the whole range read (and every event of it handled, dead or waiting), the next run may start
  // at xmin; a scoped run saw only one workspace and leaves the horizon alone.
  result.more = fresh.length >= batch;
  if (!result.more && !opts.workspaceId)
    await sql`
      update event_subscribers set horizon = ${xmin}::xid8, updated_at = ${now}
      where name = ${subscriber.name} and horizon < ${xmin}::xid8`.execute(db);
  return result;
}

function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.slice(0, 2_000);
}

async function markWaiting(db: Db, subscriber: string, eventId: number, now: Date): Promise<void> {
  await sql`
    insert into event_deliveries (subscriber, event_id, state, attempts, last_error, updated_at)
    values (${subscriber}, ${eventId}, 'retry', 0, 'waiting for an earlier event of its subject', ${now})
    on conflict (subscriber, event_id) do nothing`.execute(db);
}

async function markFailed(
  db: Db,
  subscriber: string,
  eventId: number,
  attempts: number,
  error: string,
  nextAttemptAt: Date | null,
  now: Date,
): Promise<void> {
  const state = nextAttemptAt ? "retry" : "dead";
  // Only over a row still open: a concurrent run that handled the event meanwhile keeps its mark.
  await sql`
    insert into event_deliveries (subscriber, event_id, state, attempts, last_error, next_attempt_at, updated_at)
    values (${subscriber}, ${eventId}, ${state}, ${attempts}, ${error}, ${nextAttemptAt}, ${now})
    on conflict (subscriber, event_id) do update
      set state = excluded.state, attempts = excluded.attempts, last_error = excluded.last_error,
          next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
      where event_deliveries.state = 'retry'`.execute(db);
}
