// `koe events`: an operator sees a subscriber's dead event with its error, hands it over again, and the
// next dispatch delivers it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock.ts";
import type { OpenDatabase } from "../db/open.ts";
import { dispatchEvents, type Subscriber } from "../domain/events/dispatch.ts";
import { recordEvent } from "../domain/events/record.ts";
import { defineSubscriber } from "../domain/events/subscribers.ts";
import { NotFoundError } from "../domain/errors.ts";
import { newWorkspace, openTestDatabase } from "../../test/database.ts";
import { eventsCommand } from "./events.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

describe("koe events", () => {
  it("lists a dead event with its error, and retry hands it over again", async () => {
    const ws = await newWorkspace(open.db);
    const subject = randomUUID();
    const event = await open.db.transaction().execute(async (trx) => {
      await recordEvent(trx, {
        workspaceId: ws,
        type: "contact.unsubscribed",
        subjectId: subject,
        payload: { email: "ops@example.com", source: null },
      });
      return subject;
    });
    let broken = true;
    const handled: string[] = [];
    const name = `test-ops-${randomUUID()}`;
    const subscriber = defineSubscriber({
      name,
      types: ["contact.unsubscribed"],
      async handle(e) {
        if (broken) throw new Error("the webhook answered 500");
        handled.push(e.subjectId);
      },
    }) as Subscriber;
    const clock = new ManualClock();
    await dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws, maxAttempts: 1 });

    const lines: string[] = [];
    await eventsCommand(open.db, clock, { sub: undefined, rest: [], subscriber: name }, (l) => lines.push(l));
    expect(lines[0]).toBe(`${name}: retrying 0 · dead 1`);
    expect(lines[1]).toContain("dead");
    expect(lines[1]).toContain(event);
    expect(lines[1]).toContain("Error: the webhook answered 500");
    const id = lines[1]!.trim().split(/\s+/)[0]!;

    broken = false;
    const out: string[] = [];
    await eventsCommand(open.db, clock, { sub: "retry", rest: [name, id] }, (l) => out.push(l));
    expect(out).toEqual([`event ${id} goes to ${name} again on the next dispatch`]);
    await dispatchEvents(open.db, [subscriber], clock, { workspaceId: ws, maxAttempts: 1 });
    expect(handled).toEqual([subject]);
    await expect(
      eventsCommand(open.db, clock, { sub: "retry", rest: [name, id] }, () => {}),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
