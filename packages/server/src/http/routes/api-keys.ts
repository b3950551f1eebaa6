// /api/v1/api-keys: owners list, create and revoke the workspace's API keys.
import { dateOf } from "../../clock.ts";
import { apiKeyInput, apiKeySchema, createdApiKeySchema } from "../../domain/auth/access-schema.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/auth/api-keys.ts";
import { canManageAccess } from "../../domain/auth/permissions.ts";
import { pageOf, pageSchema } from "../../domain/fields.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/api-keys";
const tag = "Access";

export function apiKeyRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listApiKeys",
        method: "get",
        path: base,
        summary: "List the workspace's API keys, newest first",
        description: "Revoked ones too (owners); never the key itself.",
        tag,
        query: pageSchema,
        access: { allowed: canManageAccess, to: "manage API keys" },
        success: { status: 200, schema: pageOf(apiKeySchema, "ApiKeyPage") },
      }),
      async (c, { query }) => {
        return listApiKeys(db, c.var.actor.workspaceId, query);
      },
    ),
    route(
      operation({
        operationId: "createApiKey",
        method: "post",
        path: base,
        summary: "Create an API key with a role",
        description:
          "Owners. The answer holds the key, shown this once only; it reads and writes this workspace.",
        tag,
        body: apiKeyInput,
        access: { allowed: canManageAccess, to: "manage API keys" },
        success: { status: 201, schema: createdApiKeySchema },
      }),
      async (c, { body }) => {
        return createApiKey(db, c.var.actor.workspaceId, body);
      },
    ),
    route(
      operation({
        operationId: "revokeApiKey",
        method: "delete",
        path: `${base}/{id}`,
        summary: "Revoke an API key at once",
        description: "Owners. The key making the call cannot revoke itself (409).",
        tag,
        params: { id: "API key" },
        access: { allowed: canManageAccess, to: "manage API keys" },
        success: { status: 204 },
        errors: [409],
      }),
      async (c, { params }) => {
        await revokeApiKey(db, c.var.actor, params.id, dateOf(deps.clock));
        return undefined;
      },
    ),
  ]);
}
