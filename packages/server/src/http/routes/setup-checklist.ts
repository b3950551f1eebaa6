// GET /api/v1/workspace/setup-checklist: the first-run checklist the admin app's overview shows.
import { canRead } from "../../domain/auth/permissions.ts";
import { getSetupChecklist, setupChecklistSchema } from "../../domain/workspaces/setup-checklist.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const path = "/api/v1/workspace/setup-checklist";

export function setupChecklistRoutes(deps: AppDeps) {
  return contractRoutes(path, [
    route(
      operation({
        operationId: "getSetupChecklist",
        method: "get",
        path,
        summary: "What the workspace still needs before its first campaign",
        description:
          "Each step ticked from the workspace's settings and rows: sender name, sender address, postal " +
          "address (the footer of marketing email in Japan), brand, a touchpoint, a survey, contacts, a campaign.",
        tag: "Workspace",
        access: { allowed: canRead, to: "read the workspace" },
        success: { status: 200, schema: setupChecklistSchema },
      }),
      async (c) => getSetupChecklist(deps.db, c.var.actor.workspaceId),
    ),
  ]);
}
