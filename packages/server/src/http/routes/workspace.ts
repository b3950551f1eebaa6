// /api/v1/workspace: the caller's own workspace. Every member reads it (reports need its time zone); owners
// and admins change it.
import { canRead } from "../../domain/auth/permissions.ts";
import {
  canEditWorkspace,
  currentWorkspaceSchema,
  getWorkspace,
  updateWorkspace,
  workspacePatch,
} from "../../domain/workspaces/workspace-settings.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const path = "/api/v1/workspace";

export function workspaceRoutes(deps: AppDeps) {
  return contractRoutes(path, [
    route(
      operation({
        operationId: "getCurrentWorkspace",
        method: "get",
        path,
        summary: "The caller's workspace and its settings",
        description:
          "Name, default locale, time zone and settings (brand, sender, fatigue, embed) with defaults filled in.",
        tag: "Workspace",
        access: { allowed: canRead, to: "read the workspace" },
        success: { status: 200, schema: currentWorkspaceSchema },
      }),
      async (c) => getWorkspace(deps.db, c.var.actor.workspaceId),
    ),
    route(
      operation({
        operationId: "updateCurrentWorkspace",
        method: "patch",
        path,
        summary: "Change the caller's workspace (owners and admins)",
        description:
          "Settings are merged section by section, and a field set to null returns to its default. " +
          'settings.brand.name is { "ja": …, "en": … } (a missing language follows the other), or a plain string ' +
          "for the same name in both. settings.embed.origins lists the https origins that may frame the survey " +
          "pages (CSP frame-ancestors; empty: none).",
        tag: "Workspace",
        body: workspacePatch,
        access: { allowed: canEditWorkspace, to: "change the workspace" },
        success: { status: 200, schema: currentWorkspaceSchema },
      }),
      async (c, { body }) => updateWorkspace(deps.db, c.var.actor.workspaceId, body),
    ),
  ]);
}
