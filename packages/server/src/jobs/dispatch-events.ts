// The event dispatcher as a job (domain/events/dispatch.ts): hands recorded events to the subscribers of
// domain/events/subscribers.ts. One run at a time across processes, every second, at once again while a
// subscriber has a full batch waiting. It polls rather than being woken by a job per event, so recording
// an event costs the change one insert and nothing more (docs/PERFORMANCE.md).
import { z } from "zod";
import { dispatchEvents } from "../domain/events/dispatch.ts";
import { subscribers } from "../domain/events/subscribers.ts";
import { defineJob } from "./define.ts";

export const dispatchEventsJob = defineJob({
  name: "events.dispatch",
  schema: z.object({}),
  singletonKey: "events",
  schedule: { everySeconds: 1 },
  // A failing handler is retried by the dispatcher itself, per event; the run as a whole just runs again.
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  expireInSeconds: 300,
  keepSeconds: 600,
  async handler(_payload, ctx) {
    const result = await dispatchEvents(ctx.db, subscribers, ctx.clock, {
      ...(ctx.config.workspaceId ? { workspaceId: ctx.config.workspaceId } : {}),
    });
    return { again: result.more };
  },
});
