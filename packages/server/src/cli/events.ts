// `koe events [--subscriber S]` and `koe events retry SUBSCRIBER EVENT_ID`: the domain events an operator
// looks at (per subscriber, the ones being retried and the dead ones with their errors) and a dead one
// handed to its subscriber again, from the terminal.
import { dateOf, type Clock } from "../clock.ts";
import { ConfigError } from "../config.ts";
import type { Db } from "../db/open.ts";
import { eventDeliveryReport, retryDeadEvent } from "../domain/events/problems.ts";

export const eventsUsage = `koe events [--subscriber S]                 event subscribers, their retried and dead events with errors
  koe events retry SUBSCRIBER EVENT_ID        hand a dead event to its subscriber again`;

/** Runs one `koe events …` command; `print` is the terminal (console.log in the process). */
export async function eventsCommand(
  db: Db,
  clock: Clock,
  args: { sub: string | undefined; rest: string[]; subscriber?: string | undefined },
  print: (line: string) => void,
): Promise<void> {
  if (args.sub === "retry") {
    const [subscriber, id] = args.rest;
    if (!subscriber || !id || !/^\d+$/.test(id))
      throw new ConfigError("usage: koe events retry <subscriber> <event id>");
    await retryDeadEvent(db, subscriber, Number(id), dateOf(clock));
    print(`event ${id} goes to ${subscriber} again on the next dispatch`);
    return;
  }
  if (args.sub !== undefined && args.sub !== "list") throw new ConfigError(`usage:\n  ${eventsUsage}`);
  const report = await eventDeliveryReport(db, { subscriber: args.subscriber });
  if (report.subscribers.length === 0) print("no subscriber has run yet");
  for (const s of report.subscribers) print(`${s.name}: retrying ${s.retrying} · dead ${s.dead}`);
  for (const p of report.problems)
    print(
      [
        String(p.eventId).padStart(8),
        p.state.padEnd(5),
        p.subscriber,
        p.type.padEnd(20),
        p.subjectId,
        `tries ${p.attempts}`,
        p.state === "retry" && p.nextAttemptAt ? `next ${p.nextAttemptAt}` : "",
        p.lastError ?? "",
      ]
        .filter(Boolean)
        .join("  "),
    );
}
