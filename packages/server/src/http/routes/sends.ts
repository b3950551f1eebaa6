import { Hono } from "hono";
import { canRead, canRecordResponses, ensure } from "../../domain/auth/permissions.ts";
import { sendInput } from "../../domain/sends/send-schema.ts";
import { createSend, getSend } from "../../domain/sends/sends.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId } from "../validate.ts";

export function sendRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const links = { secret: deps.secret, baseUrl: deps.baseUrl };
  const routes = new Hono<AppEnv>()
    .post("/", async (c) => {
      ensure(canRecordResponses(c.var.actor), "create sends");
      return c.json(await createSend(deps.db, c.var.actor.workspaceId, await body(c, sendInput), links), 201);
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), "read sends");
      return c.json(await getSend(deps.db, c.var.actor.workspaceId, pathId(c, "send"), links));
    });
  const docs: RouteDoc[] = [
    {
      method: "post",
      path: "/api/v1/sends",
      summary: "Create a send: one contact invited to one survey; returns its personal `url` and one `scoreUrls` link per score",
      tag: "Sends",
      body: sendInput,
      success: 201,
    },
    { method: "get", path: "/api/v1/sends/{id}", summary: "Get a send with its links", tag: "Sends", success: 200 },
  ];
  return { routes, docs };
}
