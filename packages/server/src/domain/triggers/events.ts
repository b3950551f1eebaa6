// Receiving an event from the customer's systems: each active trigger it matches makes a send with a
// queued first message, due after the trigger's delay. The fatigue rule is not applied here but by the
// mail worker when the message is due, so quiet hours postpone it and the 90-day rule skips it with the
// rule recorded on the delivery ledger.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { Attributes, DeliveryStatus } from "../../db/schema.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { findRow } from "../rows.ts";
import { recordEvents } from "../events/record.ts";
import { sendCreated } from "../sends/sends.ts";
import { matchesConditions } from "./conditions.ts";
import { contactForEvent } from "./event-contact.ts";
import {
  eventInput,
  type EventInput,
  type EventResult,
  type EventSend,
  type ReceivedEvent,
} from "./event-schema.ts";
import { findActiveTriggers } from "./triggers.ts";

/** How long a triggered send's personal link stays valid, as for campaign sends. */
const SEND_DAYS = 30;

/**
 * Idempotent by the caller's event id: the event row is inserted first (primary key, ON CONFLICT DO
 * NOTHING) in the same transaction as everything it creates. A concurrent request with the same id waits
 * on that insert until the first commits, then finds the row and returns the first result; if the first
 * fails, its row is gone and the second does the work. A rejected event (unknown contact or touchpoint)
 * leaves nothing behind, so the caller may fix it and retry with the same id.
 */
export async function receiveEvent(
  db: Db,
  workspaceId: string,
  raw: EventInput,
  /** now: the clock's time; the trigger's delay and the link's life run from it. */
  opts: { messageHost: string; now: Date },
): Promise<EventResult> {
  const { now } = opts;
  const input = eventInput.parse(raw);
  const metadata: Attributes = input.metadata ?? {};
  const touchpointId = input.touchpointId ?? null;
  return db.transaction().execute(async (tx) => {
    const fresh = await tx
      .insertInto("events")
      .values({
        workspace_id: workspaceId,
        id: input.id,
        type: input.type,
        touchpoint_id: touchpointId,
        metadata: JSON.stringify(metadata),
        received_at: now,
        send_ids: "[]",
      })
      .onConflict((oc) => oc.columns(["workspace_id", "id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!fresh)
      return { eventId: input.id, duplicate: true, sends: await sendsOfEvent(tx, workspaceId, input.id) };

    if (touchpointId && !(await findRow(tx, "touchpoints", workspaceId, touchpointId)))
      throw new ValidationError([{ path: "touchpointId", message: "no such touchpoint in this workspace" }]);
    const contactId = await contactForEvent(tx, workspaceId, input.contact, now);
    const triggers = (await findActiveTriggers(tx, workspaceId, input.type)).filter((t) =>
      matchesConditions(t.conditions, { touchpointId, metadata }),
    );

    const sends: EventSend[] = [];
    if (triggers.length > 0) {
      const planned = triggers.map((t) => ({ trigger: t, sendId: newId(), deliveryId: newId() }));
      await tx
        .insertInto("sends")
        .values(
          planned.map((p) => ({
            workspace_id: workspaceId,
            id: p.sendId,
            survey_id: p.trigger.surveyId,
            contact_id: contactId,
            // The event's own touchpoint is the moment measured; the trigger's is the default.
            touchpoint_id: touchpointId ?? p.trigger.touchpointId,
            channel: "email",
            // The event's keys first, so they cannot pass for the event or trigger id.
            metadata: JSON.stringify({ ...metadata, eventId: input.id, triggerId: p.trigger.id }),
            expires_at: new Date(now.getTime() + SEND_DAYS * 86_400_000),
            created_at: now,
          })),
        )
        .execute();
      await recordEvents(
        tx,
        planned.map((p) =>
          sendCreated({
            workspace_id: workspaceId,
            id: p.sendId,
            survey_id: p.trigger.surveyId,
            contact_id: contactId,
            channel: "email",
          }),
        ),
      );
      const queued = await tx
        .insertInto("deliveries")
        .values(
          planned.map((p) => ({
            workspace_id: workspaceId,
            id: p.deliveryId,
            send_id: p.sendId,
            step: 0,
            status: "queued" as const,
            due_at: new Date(now.getTime() + p.trigger.delaySeconds * 1000),
            message_id: `<${p.deliveryId}@${opts.messageHost}>`,
          })),
        )
        .returning(["send_id", "due_at"])
        .execute();
      const dueBySend = new Map(queued.map((q) => [q.send_id, q.due_at]));
      for (const p of planned)
        sends.push({ id: p.sendId, triggerId: p.trigger.id, dueAt: dueBySend.get(p.sendId)!.toISOString() });
    }

    await tx
      .updateTable("events")
      .set({ contact_id: contactId, send_ids: JSON.stringify(sends.map((s) => s.id)) })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", input.id)
      .execute();
    return { eventId: input.id, duplicate: false, sends };
  });
}

interface SendOfEventRow {
  id: string;
  trigger_id: string;
  due_at: Date;
  /** The first message's ledger state (none if its delivery row is gone). */
  status: DeliveryStatus | null;
  reason: string | null;
}

/** The sends an event made, in the order made, with their first message as it stands now. */
async function sendOfEventRows(db: Db, workspaceId: string, eventId: string): Promise<SendOfEventRow[]> {
  const r = await sql<SendOfEventRow>`
    select s.id, s.metadata->>'triggerId' as trigger_id, coalesce(d.due_at, s.created_at) as due_at,
      d.status, d.reason
    from events e
    cross join lateral jsonb_array_elements_text(e.send_ids) with ordinality as x(send_id, n)
    join sends s on s.workspace_id = e.workspace_id and s.id = x.send_id::uuid
    left join deliveries d on d.workspace_id = s.workspace_id and d.send_id = s.id and d.step = 0
    where e.workspace_id = ${workspaceId} and e.id = ${eventId}
    order by x.n`.execute(db);
  return r.rows;
}

async function sendsOfEvent(db: Db, workspaceId: string, eventId: string): Promise<EventSend[]> {
  const rows = await sendOfEventRows(db, workspaceId, eventId);
  return rows.map((r) => ({ id: r.id, triggerId: r.trigger_id, dueAt: r.due_at.toISOString() }));
}

export async function getEvent(db: Db, workspaceId: string, id: string): Promise<ReceivedEvent> {
  const row = await db
    .selectFrom("events")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`event ${id} not found`);
  const sends = await sendOfEventRows(db, workspaceId, id);
  return {
    id: row.id,
    type: row.type,
    contactId: row.contact_id,
    touchpointId: row.touchpoint_id,
    metadata: row.metadata,
    receivedAt: row.received_at.toISOString(),
    sends: sends.map((r) => ({
      id: r.id,
      triggerId: r.trigger_id,
      dueAt: r.due_at.toISOString(),
      status: r.status,
      reason: r.reason,
    })),
  };
}
