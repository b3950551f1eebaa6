// /api/v1/events: the customer's systems post events (chat closed, order delivered); matching triggers
// turn them into sends.
import { Hono } from "hono";
import { messageHostOf } from "../../channels/email/compose-survey-mail.ts";
import { canRead, canRecordResponses, ensure } from "../../domain/auth/permissions.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { eventIdSchema, eventInput } from "../../domain/triggers/event-schema.ts";
import { getEvent, receiveEvent } from "../../domain/triggers/events.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body } from "../validate.ts";

export function eventRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const messageHost = messageHostOf(deps.baseUrl);
  const routes = new Hono<AppEnv>()
    .post("/", async (c) => {
      ensure(canRecordResponses(c.var.actor), "post events");
      const result = await receiveEvent(db, c.var.actor.workspaceId, await body(c, eventInput), {
        messageHost,
      });
      return c.json(result, result.duplicate ? 200 : 201);
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), "read events");
      // The caller's own id, not ours: any text of the allowed length, percent-encoded in the path. One
      // holding NUL cannot have been stored (the database refuses it), so it is not found, like other ids.
      const id = c.req.param("id");
      if (!eventIdSchema.safeParse(id).success || id.includes("\u0000"))
        throw new NotFoundError(`event ${JSON.stringify(id).slice(1, -1)} not found`);
      return c.json(await getEvent(db, c.var.actor.workspaceId, id));
    });
  const docs: RouteDoc[] = [
    {
      method: "post",
      path: "/api/v1/events",
      summary:
        "Post an event (your `id` makes a retry harmless: 201 the first time, 200 with `duplicate: true` and the same sends after); each active trigger it matches makes a send whose first email is due after the trigger's delay",
      tag: "Events",
      body: eventInput,
      success: 201,
    },
    {
      method: "get",
      path: "/api/v1/events/{id}",
      summary: "Get an event by your id, with the sends it made and the state of each first email",
      tag: "Events",
      success: 200,
    },
  ];
  return { routes, docs };
}
