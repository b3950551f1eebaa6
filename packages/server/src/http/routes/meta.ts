// /healthz and the OpenAPI document: the operations about the API itself.
import { z } from "zod";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const health = z
  .object({ status: z.literal("ok"), version: z.string() })
  .meta({ id: "Health", description: "The process answers and its database is reachable" });

export function healthRoutes(deps: AppDeps) {
  return contractRoutes("/healthz", [
    route(
      operation({
        operationId: "getHealth",
        method: "get",
        path: "/healthz",
        summary: "Liveness and database check",
        tag: "Operations",
        auth: false,
        success: { status: 200, schema: health },
        errors: [503],
      }),
      async () => {
        await deps.db.selectFrom("workspaces").select("id").limit(1).execute();
        return { status: "ok" as const, version: deps.version };
      },
    ),
  ]);
}

/** The document, given once the app knows all its operations (this one among them). */
export function documentRoutes(document: () => Record<string, unknown>) {
  return contractRoutes("/api/v1/openapi.json", [
    route(
      operation({
        operationId: "getOpenApiDocument",
        method: "get",
        path: "/api/v1/openapi.json",
        summary: "This document: the API's contract (OpenAPI 3.1)",
        tag: "Operations",
        auth: false,
        success: { status: 200, schema: z.record(z.string(), z.unknown()).meta({ id: "OpenApiDocument" }) },
      }),
      (c) => c.json(document()),
    ),
  ]);
}
