// The one list of event subscribers (case rules, alerts, webhooks, text analysis add themselves here).
// Each is `{ name, types, handle(event, ctx) }` (dispatch.ts): the name keys its handling state, so
// renaming one makes it a new subscriber that starts from the first recorded event.
import type { Subscriber } from "./dispatch.ts";
import type { EventType } from "./record.ts";

/** Declares a subscriber with its handler typed by the event types it names. */
export const defineSubscriber = <T extends EventType>(s: Subscriber<T>): Subscriber<T> => s;

export const subscribers: readonly Subscriber[] = [];
