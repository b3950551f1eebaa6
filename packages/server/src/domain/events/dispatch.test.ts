// Delivery of recorded events to subscribers: once per subscriber and event even when runs repeat or a
// handler's transaction dies, in order per subject, with retries, backoff and a dead state that holds up
// only its own subject; and a late-committing smaller id is not skipped (PostgreSQL, two connections).
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import type { Db, OpenDatabase } from "../../db/open.ts";
import { newNpsSurvey, newWorkspace, onPostgres, openTestDatabase } from "../../../test/database.ts";
import { saveAnswer } from "../responses/answer.ts";
import { answerTargetOf, loadSendContext } from "../sends/send-context.ts";
import { createSend } from "../sends/sends.ts";
import { dispatchEvents, type Subscriber } from "./dispatch.ts";
import { recordEvent, type DomainEvent, type NewEvent } from "./record.ts";
import { defineSubscriber } from "./subscribers.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
  // What the test handlers write, in their transaction: counts each effect that committed.
  await sql`create table if not exists event_test_effects (subscriber text, event_id bigint)`.execute(
    open.db,
  );
});
afterAll(() => open.close());

const contactEvent = (workspaceId: string, subjectId: string, email: string): NewEvent => ({
  workspaceId,
  type: "contact.unsubscribed",
  subjectId,
  payload: { email, source: "test" },
});

/** A subscriber that records each event it sees and writes one effect row per handling. */
function recorder(
  name = `test-${randomUUID()}`,
  fail?: (e: DomainEvent<"contact.unsubscribed">, attempt: number) => boolean,
) {
  const seen: DomainEvent<"contact.unsubscribed">[] = [];
  const subscriber = defineSubscriber({
    name,
    types: ["contact.unsubscribed"],
    async handle(event, { trx, attempt }) {
      seen.push(event);
      await sql`insert into event_test_effects values (${name}, ${event.id})`.execute(trx);
      if (fail?.(event, attempt)) throw new Error(`handler failed on ${event.subjectId}`);
    },
  });
  return { subscriber: subscriber as Subscriber, seen, name };
}

const effects = async (db: Db, name: string) =>
  (
    await sql<{ event_id: number }>`
      select event_id from event_test_effects where subscriber = ${name} order by event_id`.execute(db)
  ).rows.map((r) => Number(r.event_id));

const record = (db: Db, ...events: NewEvent[]) =>
  db.transaction().execute(async (trx) => {
    for (const e of events) await recordEvent(trx, e);
  });

describe("dispatchEvents", () => {
  it("hands each event once, even when dispatch runs again", async () => {
    const ws = await newWorkspace(open.db);
    const a = randomUUID();
    const b = randomUUID();
    await record(open.db, contactEvent(ws, a, "a@example.com"), contactEvent(ws, b, "b@example.com"));
    const { subscriber, seen, name } = recorder();
    const clock = new ManualClock();
    expect(await dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws })).toMatchObject({
      handled: 2,
      failed: 0,
      dead: 0,
    });
    expect(await dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws })).toMatchObject({
      handled: 0,
      failed: 0,
      dead: 0,
    });
    expect(seen.map((e) => e.subjectId)).toEqual([a, b]);
    expect(seen[0]).toMatchObject({
      workspaceId: ws,
      type: "contact.unsubscribed",
      payload: { email: "a@example.com" },
    });
    expect(await effects(open.db, name)).toEqual(seen.map((e) => e.id));
  });

  it("hands an event again when the handler's transaction did not commit, and its write lands once", async () => {
    const ws = await newWorkspace(open.db);
    await record(open.db, contactEvent(ws, randomUUID(), "crash@example.com"));
    // The handler does its work and the process dies before the commit: nothing of it stays, mark included.
    const { subscriber, seen, name } = recorder(undefined, (_e, attempt) => attempt === 1);
    const clock = new ManualClock();
    await dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws });
    expect(await effects(open.db, name)).toEqual([]);
    await clock.advance(30_000);
    expect((await dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws })).handled).toBe(1);
    await dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws });
    expect(seen).toHaveLength(2);
    expect(await effects(open.db, name)).toEqual([seen[0]!.id]);
  });

  it("retries a failing event with backoff, holds up only its subject, then marks it dead with its error", async () => {
    const ws = await newWorkspace(open.db);
    const bad = randomUUID();
    const good = randomUUID();
    await record(
      open.db,
      contactEvent(ws, bad, "bad@example.com"),
      contactEvent(ws, good, "good@example.com"),
    );
    await record(
      open.db,
      contactEvent(ws, bad, "bad-2@example.com"),
      contactEvent(ws, good, "good-2@example.com"),
    );
    const { subscriber, seen, name } = recorder(undefined, (e) => e.payload.email === "bad@example.com");
    const clock = new ManualClock();
    const run = () => dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws, maxAttempts: 3 });
    // The good subject's two events go through; the bad one's second waits behind its first.
    expect(await run()).toMatchObject({ handled: 2, failed: 1, dead: 0 });
    expect(seen.map((e) => e.payload.email)).toEqual([
      "bad@example.com",
      "good@example.com",
      "good-2@example.com",
    ]);
    // Not due yet: nothing is tried.
    await clock.advance(29_000);
    expect(await run()).toMatchObject({ handled: 0, failed: 0, dead: 0 });
    await clock.advance(1_000);
    expect(await run()).toMatchObject({ handled: 0, failed: 1, dead: 0 });
    // The second failure waits twice as long.
    await clock.advance(59_000);
    expect(await run()).toMatchObject({ handled: 0, failed: 0, dead: 0 });
    await clock.advance(1_000);
    // The third try is the last: dead, and the subject's next event goes.
    expect(await run()).toMatchObject({ handled: 1, failed: 0, dead: 1 });
    expect(seen.map((e) => e.payload.email).slice(4)).toEqual(["bad@example.com", "bad-2@example.com"]);
    const { rows } = await sql<{ state: string; attempts: number; last_error: string }>`
      select d.state, d.attempts, d.last_error from event_deliveries d join domain_events e on e.id = d.event_id
      where d.subscriber = ${name} and e.subject_id = ${bad} order by e.id`.execute(open.db);
    expect(rows).toEqual([
      { state: "dead", attempts: 3, last_error: `Error: handler failed on ${bad}` },
      { state: "handled", attempts: 1, last_error: null },
    ]);
    expect(await run()).toMatchObject({ handled: 0, failed: 0, dead: 0 });
    expect((await effects(open.db, name)).length).toBe(3);
  });

  it("passes its horizon only over events that can no longer appear", async () => {
    const ws = await newWorkspace(open.db);
    const { subscriber, seen } = recorder();
    const clock = new ManualClock();
    const run = () => dispatchEvents(open.db, [subscriber], clock);
    // Starts at the present, as the other test files' events are none of this one's business.
    await sql`insert into event_subscribers (name, horizon)
              values (${subscriber.name}, pg_snapshot_xmin(pg_current_snapshot()))`.execute(open.db);
    const mine = () => seen.filter((e) => e.workspaceId === ws).map((e) => e.payload.email);
    await record(open.db, contactEvent(ws, randomUUID(), "first@example.com"));
    await run();
    expect(mine()).toEqual(["first@example.com"]);
    if (!onPostgres()) return; // one connection: no transaction can be open across a run
    // A transaction takes an id and stays open while a later one commits and is dispatched.
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let recorded!: () => void;
    const inside = new Promise<void>((r) => (recorded = r));
    const slow = open.db.transaction().execute(async (trx) => {
      await recordEvent(trx, contactEvent(ws, randomUUID(), "slow@example.com"));
      recorded();
      await held;
    });
    await inside;
    await record(open.db, contactEvent(ws, randomUUID(), "fast@example.com"));
    await run();
    expect(mine()).toEqual(["first@example.com", "fast@example.com"]);
    commit();
    await slow;
    await run();
    expect(mine()).toEqual(["first@example.com", "fast@example.com", "slow@example.com"]);
    const ids = seen.filter((e) => e.workspaceId === ws).map((e) => e.id);
    expect(ids[2]).toBeLessThan(ids[1]!); // the smaller id, committed later, was not skipped
  });

  it.runIf(onPostgres())("hands each event once to two runs at the same time", async () => {
    const ws = await newWorkspace(open.db);
    const events = Array.from({ length: 20 }, (_, i) => contactEvent(ws, randomUUID(), `p${i}@example.com`));
    await record(open.db, ...events);
    const { subscriber, seen, name } = recorder();
    const clock = new ManualClock();
    const runs = await Promise.all(
      [1, 2].map(() => dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws })),
    );
    expect(runs[0]!.handled + runs[1]!.handled).toBe(20);
    expect(new Set(seen.map((e) => e.id)).size).toBe(20);
    expect(await effects(open.db, name)).toHaveLength(20);
  });

  it.runIf(onPostgres())("keeps each subject's events in commit order with concurrent writers", async () => {
    const ws = await newWorkspace(open.db);
    const surveyId = await newNpsSurvey(open.db, ws);
    const now = new Date();
    const links = { secret: "test-secret-".padEnd(40, "x"), baseUrl: "http://koe.test" };
    const sends = await Promise.all(
      [1, 2, 3].map(() => createSend(open.db, ws, { surveyId, channel: "email" }, links, now)),
    );
    const answer = async (sendId: string, score: number) => {
      const context = (await loadSendContext(open.db, ws, sendId))!;
      await saveAnswer(open.db, ws, answerTargetOf(context), { score, locale: "en" }, now);
    };
    for (const s of sends) await answer(s.id, 0);
    // Ten people-worth of edits to each response at once: they queue on the response's row lock.
    await Promise.all(sends.flatMap((s) => Array.from({ length: 10 }, (_, i) => answer(s.id, i + 1))));
    const seen: DomainEvent<"response.updated">[] = [];
    const subscriber = defineSubscriber({
      name: `test-${randomUUID()}`,
      types: ["response.updated"],
      async handle(event) {
        seen.push(event);
      },
    });
    await dispatchEvents(open.db, [subscriber as Subscriber], new ManualClock(), { workspaceId: ws });
    const bySubject = new Map<string, DomainEvent<"response.updated">[]>();
    for (const e of seen) bySubject.set(e.subjectId, [...(bySubject.get(e.subjectId) ?? []), e]);
    expect(bySubject.size).toBe(3);
    for (const [subject, events] of bySubject) {
      expect(events).toHaveLength(10);
      // Each edit saw the score the one before it left: handed in the order they committed.
      events.forEach((e, i) => {
        if (i > 0) expect(e.payload.previousScore).toBe(events[i - 1]!.payload.score);
      });
      const { rows } = await sql<{ score: number }>`
        select score from responses where id = ${subject}`.execute(open.db);
      expect(events.at(-1)!.payload.score).toBe(rows[0]!.score);
    }
  });
});
