import { Hono } from "hono";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import {
  canEditWorkspace,
  getWorkspace,
  updateWorkspace,
  workspacePatch,
} from "../../domain/workspaces/workspace-settings.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body } from "../validate.ts";

/** The caller's own workspace: every member reads it (reports need its time zone); owners and admins change it. */
export function workspaceRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canRead(c.var.actor), "read the workspace");
      return c.json(await getWorkspace(deps.db, c.var.actor.workspaceId));
    })
    .patch("/", async (c) => {
      ensure(canEditWorkspace(c.var.actor), "change the workspace");
      const patch = await body(c, workspacePatch);
      return c.json(await updateWorkspace(deps.db, c.var.actor.workspaceId, patch));
    });
  const docs: RouteDoc[] = [
    {
      method: "get",
      path: "/api/v1/workspace",
      summary:
        "The caller's workspace: name, default locale, time zone and settings (brand, sender, fatigue, embed) with defaults filled in",
      tag: "Workspace",
      success: 200,
    },
    {
      method: "patch",
      path: "/api/v1/workspace",
      summary:
        "Change the workspace (owners and admins); settings are merged section by section, and a field set to null returns to its default. " +
        'settings.brand.name is { "ja": …, "en": … } (a missing language follows the other), or a plain string for the same name in both. ' +
        "settings.embed.origins lists the https origins that may frame the survey pages (CSP frame-ancestors; empty: none)",
      tag: "Workspace",
      body: workspacePatch,
      success: 200,
    },
  ];
  return { routes, docs };
}
