// /api/v1/events: the customer's systems post events (chat closed, order delivered); matching triggers
// turn them into sends.
import { dateOf } from "../../clock.ts";
import { z } from "zod";
import { messageHostOf } from "../../channels/email/compose-survey-mail.ts";
import { canRead, canRecordResponses } from "../../domain/auth/permissions.ts";
import { NotFoundError } from "../../domain/errors.ts";
import {
  eventIdSchema,
  eventInput,
  eventResultSchema,
  receivedEventSchema,
} from "../../domain/triggers/event-schema.ts";
import { getEvent, receiveEvent } from "../../domain/triggers/events.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

// The caller's own id, not ours: any text, percent-encoded in the path. One that cannot have been stored
// is not found (404), like other ids, rather than invalid.
const eventIdParam = z
  .string()
  .meta({ description: "Your id for the event, as posted (1 to 200 characters)" });

const base = "/api/v1/events";

export function eventRoutes(deps: AppDeps) {
  const { db } = deps;
  const messageHost = messageHostOf(deps.baseUrl);
  return contractRoutes(base, [
    route(
      operation({
        operationId: "postEvent",
        method: "post",
        path: base,
        summary: "Post an event; each active trigger it matches makes a send",
        description:
          "Each send's first email is due after its trigger's delay. Your `id` makes a retry harmless: posting " +
          "it again answers as the first time did (201, the same sends) with `duplicate: true`, creating nothing.",
        tag: "Events",
        body: eventInput,
        access: { allowed: canRecordResponses, to: "post events" },
        success: { status: 201, schema: eventResultSchema },
      }),
      async (c, { body }) => {
        return receiveEvent(db, c.var.actor.workspaceId, body, { messageHost, now: dateOf(deps.clock) });
      },
    ),
    route(
      operation({
        operationId: "getEvent",
        method: "get",
        path: `${base}/{id}`,
        summary: "Get an event by your id, with the sends it made",
        description: "Each send with the state of its first email on the delivery ledger.",
        tag: "Events",
        params: { id: eventIdParam },
        access: { allowed: canRead, to: "read events" },
        success: { status: 200, schema: receivedEventSchema },
      }),
      async (c, { params }) => {
        // One holding NUL cannot have been stored (the database refuses it), so it is not found either.
        const { id } = params;
        if (!eventIdSchema.safeParse(id).success || id.includes("\u0000"))
          throw new NotFoundError(`event ${JSON.stringify(id).slice(1, -1)} not found`);
        return getEvent(db, c.var.actor.workspaceId, id);
      },
    ),
  ]);
}
