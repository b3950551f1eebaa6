// The moves of a message on the delivery ledger after its claim. Each is one statement, guarded by the
// state it expects, so a worker whose lease ran out cannot overwrite what recovery decided.
import { sql } from "kysely";
import { embeddedOf, type Db } from "../../db/open.ts";
import { runNow } from "../../db/run-now.ts";

/**
 * A message as one claim holds it: `attempts` is the claim's number, so a worker whose lease ran out, and
 * whose message another worker has claimed since, can no longer move it.
 */
type Key = { workspaceId: string; id: string; attempts: number };

/**
 * The end of data is about to go out: from here a crash may have delivered the message. `then` sends it,
 * called in the step that learns the record committed: on the embedded database the statement runs
 * synchronously (`runNow`), since its query API takes several turns of the event loop to return. The
 * connection is held one turn longer, so no other statement runs before the mark is on its way.
 */
export async function markCommitting(db: Db, d: Key, then: () => void): Promise<void> {
  const embedded = embeddedOf(db);
  await db.connection().execute(async (conn) => {
    const updated = embedded
      ? runNow(embedded, committingSql(d))
      : Number(
          (
            await conn
              .updateTable("deliveries")
              .set({ status: "committing" })
              .where("workspace_id", "=", d.workspaceId)
              .where("id", "=", d.id)
              .where("attempts", "=", d.attempts)
              .where("status", "=", "sending")
              .executeTakeFirst()
          ).numUpdatedRows,
        );
    if (updated !== 1) throw new Error(`delivery ${d.id} is no longer ours to send`);
    then();
    await new Promise((resolve) => setImmediate(resolve));
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same update as literal SQL, from values checked to be ids and a number. */
function committingSql(d: Key): string {
  if (!UUID.test(d.workspaceId) || !UUID.test(d.id) || !Number.isSafeInteger(d.attempts)) {
    throw new Error(`not a delivery key: ${JSON.stringify(d)}`);
  }
  return `update deliveries set status = 'committing' where workspace_id = '${d.workspaceId}'
    and id = '${d.id}' and attempts = ${d.attempts} and status = 'sending'`;
}

/**
 * Sent (or, after a crash, taken as sent): records the time, starts the fatigue clock of each send on its
 * first message, and queues the campaign's reminders to non-responders. One statement for many messages:
 * the worker records a batch at once, since a message left `committing` by a crash counts as sent anyway.
 */
export async function markSent(
  db: Db,
  messages: (Key & { reason?: string | null })[],
  messageHost: string,
  /** The clock's time: when they were sent, from which the reminders fall due. */
  now: Date,
): Promise<void> {
  if (messages.length === 0) return;
  const keys = JSON.stringify(
    messages.map((m) => ({
      workspace_id: m.workspaceId,
      id: m.id,
      attempts: m.attempts,
      reason: m.reason ?? null,
    })),
  );
  await sql`
    with k as (
      select * from jsonb_to_recordset(${keys}::jsonb) as k(workspace_id uuid, id uuid, attempts int, reason text)
    ),
    sent as (
      update deliveries d set status = 'sent', sent_at = ${now}, lease_until = null, reason = k.reason
      from k
      where d.workspace_id = k.workspace_id and d.id = k.id and d.attempts = k.attempts
        and d.status in ('sending', 'committing')
      returning d.workspace_id, d.send_id, d.step, d.sent_at
    ),
    clock as (
      update sends s set surveyed_at = sent.sent_at from sent
      where sent.step = 0 and s.workspace_id = sent.workspace_id and s.id = sent.send_id
      returning s.workspace_id, s.id, s.campaign_id
    )
    insert into deliveries (workspace_id, id, send_id, step, status, due_at, message_id)
    select x.workspace_id, x.did, x.id, x.step, 'queued', x.due_at, '<' || x.did || '@' || ${messageHost} || '>'
    from (
      -- A volatile call in a select list runs once per row (an uncorrelated lateral would run once).
      select clock.workspace_id, clock.id, r.step, koe_uuid7() as did,
        ${now}::timestamptz + make_interval(days => (c.reminders->>'afterDays')::int * r.step) as due_at
      from clock
      join campaigns c on c.workspace_id = clock.workspace_id and c.id = clock.campaign_id
      cross join generate_series(1, 2) as r(step)
      -- A cancelled campaign's in-flight first messages get no reminders: nothing would ever skip them.
      where r.step <= (c.reminders->>'count')::int and c.status <> 'cancelled'
    ) x
    on conflict (workspace_id, send_id, step) do nothing`.execute(db);
}

export async function markSkipped(db: Db, d: Key, reason: string): Promise<void> {
  await settle(db, d, { status: "skipped", reason });
}

export async function markFailed(db: Db, d: Key, error: string): Promise<void> {
  await settle(db, d, { status: "failed", reason: "permanent_error", error: error.slice(0, 2000) });
}

/** Back to the queue until `dueAt`: quiet hours, or a transient error to retry with backoff. */
export async function requeue(db: Db, d: Key, dueAt: Date, why: { reason: string; error?: string }) {
  await settle(db, d, {
    status: "queued",
    due_at: dueAt,
    reason: why.reason,
    error: why.error?.slice(0, 2000) ?? null,
  });
}

async function settle(
  db: Db,
  d: Key,
  set: { status: "queued" | "skipped" | "failed"; reason: string; error?: string | null; due_at?: Date },
): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({ ...set, lease_until: null })
    .where("workspace_id", "=", d.workspaceId)
    .where("id", "=", d.id)
    .where("attempts", "=", d.attempts)
    .where("status", "in", ["sending", "committing"])
    .execute();
}

/**
 * A lease that ran out means its worker died mid-message. `sending`: the end of data never went out, so
 * the server cannot have accepted it — queue it again. `committing`: over SMTP it may have been accepted —
 * take it as sent rather than risk a second copy (at most once; see docs/EMAIL.md). The outbox can be
 * asked: a message it holds is sent, one it lacks goes again (it keeps one copy per Message-ID anyway).
 */
export async function recoverExpiredLeases(
  db: Db,
  messageHost: string,
  /** now: the clock's time; a lease that ended before it is over. */
  opts: { workspaceId?: string; outbox?: boolean; now: Date },
): Promise<{ requeued: number; reconciled: number }> {
  const { now } = opts;
  const expired = () => {
    let q = db.updateTable("deliveries").where("lease_until", "<", now);
    if (opts.workspaceId) q = q.where("workspace_id", "=", opts.workspaceId);
    return q.set({ status: "queued", lease_until: null, reason: "requeued after an interrupted attempt" });
  };
  const inOutbox = sql<boolean>`exists (select from outbox o
    where o.workspace_id = deliveries.workspace_id and o.message_id = deliveries.message_id)`;
  const requeue = expired().where((eb) =>
    opts.outbox
      ? eb.or([eb("status", "=", "sending"), eb.and([eb("status", "=", "committing"), eb.not(inOutbox)])])
      : eb("status", "=", "sending"),
  );
  let find = db
    .selectFrom("deliveries")
    .select(["workspace_id", "id", "attempts"])
    .where("status", "=", "committing")
    .where("lease_until", "<", now);
  if (opts.workspaceId) find = find.where("workspace_id", "=", opts.workspaceId);
  if (opts.outbox) find = find.where(inOutbox);
  const requeued = await requeue.executeTakeFirst();
  const unsure = await find.execute();
  const reason = opts.outbox
    ? "reconciled: found in the outbox"
    : "reconciled: end of data may have been sent";
  await markSent(
    db,
    unsure.map((u) => ({ workspaceId: u.workspace_id, id: u.id, attempts: u.attempts, reason })),
    messageHost,
    now,
  );
  return { requeued: Number(requeued.numUpdatedRows), reconciled: unsure.length };
}
