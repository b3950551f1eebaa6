import { Hono } from "hono";
import { dateOf } from "../../clock.ts";
import { canEditSurveys, canRead, canRecordResponses, ensure } from "../../domain/auth/permissions.ts";
import { sendInput } from "../../domain/sends/send-schema.ts";
import { createSend, getSend } from "../../domain/sends/sends.ts";
import { listIntents } from "../../domain/sends/intents.ts";
import { acceptIntent } from "../../domain/sends/accept-intent.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { isId } from "../../domain/ids.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId } from "../validate.ts";

export function sendRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const links = { secret: deps.secret, baseUrl: deps.baseUrl };
  const routes = new Hono<AppEnv>()
    .post("/", async (c) => {
      ensure(canRecordResponses(c.var.actor), "create sends");
      return c.json(
        await createSend(
          deps.db,
          c.var.actor.workspaceId,
          await body(c, sendInput),
          links,
          dateOf(deps.clock),
        ),
        201,
      );
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), "read sends");
      const ws = c.var.actor.workspaceId;
      const send = await getSend(deps.db, ws, pathId(c, "send"), links);
      return c.json({ ...send, intents: await listIntents(deps.db, ws, send.id) });
    })
    .post("/:id/intents/:intentId/accept", async (c) => {
      ensure(canEditSurveys(c.var.actor), "override scanner verdicts");
      const intentId = c.req.param("intentId");
      if (!isId(intentId)) throw new NotFoundError(`intent ${intentId} not found`);
      const result = await acceptIntent(
        deps.db,
        c.var.actor.workspaceId,
        pathId(c, "send"),
        intentId,
        dateOf(deps.clock),
      );
      return c.json(result);
    });
  const docs: RouteDoc[] = [
    {
      method: "post",
      path: "/api/v1/sends",
      summary:
        "Create a send: one contact invited to one survey; returns its personal `url` and one `scoreUrls` link per score. " +
        "409 `urn:koe:problem:survey-not-active` unless the survey is active",
      tag: "Sends",
      body: sendInput,
      success: 201,
    },
    {
      method: "get",
      path: "/api/v1/sends/{id}",
      summary:
        "Get a send with its links and the audit trail of its score clicks (intents, with the scanner verdict)",
      tag: "Sends",
      success: 200,
    },
    {
      method: "post",
      path: "/api/v1/sends/{id}/intents/{intentId}/accept",
      summary: "Accept a recorded score click as the contact's answer (override a scanner verdict)",
      tag: "Sends",
      success: 200,
    },
  ];
  return { routes, docs };
}
