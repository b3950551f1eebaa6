// /api/v1/api-keys: owners list, create and revoke the workspace's API keys.
import { dateOf } from "../../clock.ts";
import { Hono } from "hono";
import { apiKeyInput } from "../../domain/auth/access-schema.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/auth/api-keys.ts";
import { canManageAccess, ensure } from "../../domain/auth/permissions.ts";
import { pageSchema } from "../../domain/fields.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId, query } from "../validate.ts";

export function apiKeyRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canManageAccess(c.var.actor), "manage API keys");
      return c.json(await listApiKeys(db, c.var.actor.workspaceId, query(c, pageSchema)));
    })
    .post("/", async (c) => {
      ensure(canManageAccess(c.var.actor), "manage API keys");
      return c.json(await createApiKey(db, c.var.actor.workspaceId, await body(c, apiKeyInput)), 201);
    })
    .delete("/:id", async (c) => {
      ensure(canManageAccess(c.var.actor), "manage API keys");
      await revokeApiKey(db, c.var.actor, pathId(c, "API key"), dateOf(deps.clock));
      return c.body(null, 204);
    });
  const path = "/api/v1/api-keys";
  const docs: RouteDoc[] = [
    {
      method: "get",
      path,
      summary: "List the workspace's API keys, revoked ones too, newest first (owners; never the key itself)",
      tag: "Access",
      query: pageSchema,
      success: 200,
    },
    {
      method: "post",
      path,
      summary: "Create an API key with a role (owners); the response holds the key, shown this once only",
      tag: "Access",
      body: apiKeyInput,
      success: 201,
    },
    {
      method: "delete",
      path: `${path}/{id}`,
      summary: "Revoke an API key at once (owners); the key making the call cannot revoke itself",
      tag: "Access",
      success: 204,
    },
  ];
  return { routes, docs };
}
