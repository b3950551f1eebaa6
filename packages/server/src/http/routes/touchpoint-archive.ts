// Archiving a touchpoint (admins): it keeps its answers and reports and takes no new campaign or trigger.
// The rest of /api/v1/touchpoints is the plain resource (resources.ts).
import { dateOf } from "../../clock.ts";
import { canEditTouchpoints } from "../../domain/auth/permissions.ts";
import { touchpointSchema } from "../../domain/touchpoints/touchpoint-schema.ts";
import { archiveTouchpoint, unarchiveTouchpoint } from "../../domain/touchpoints/touchpoints.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/touchpoints";
const one = { tag: "Touchpoints", params: { id: "touchpoint" } } as const;

export function touchpointArchiveRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        ...one,
        operationId: "archiveTouchpoint",
        method: "post",
        path: `${base}/{id}/archive`,
        summary: "Archive a touchpoint",
        description:
          "Its answers, sends and reports stay, and the campaigns and triggers that already use it keep " +
          "running; creating a campaign or trigger on it, or moving one to it, is refused (422) until it is " +
          "unarchived. Archiving an archived touchpoint changes nothing (its `archivedAt` stays). Lists show " +
          "it unless asked for `archived=false`.",
        access: { allowed: canEditTouchpoints, to: "change touchpoints" },
        success: { status: 200, schema: touchpointSchema },
      }),
      async (c, { params }) => {
        return archiveTouchpoint(db, c.var.actor.workspaceId, params.id, dateOf(deps.clock));
      },
    ),
    route(
      operation({
        ...one,
        operationId: "unarchiveTouchpoint",
        method: "post",
        path: `${base}/{id}/unarchive`,
        summary: "Unarchive a touchpoint",
        description:
          "New campaigns and triggers may use it again. Unarchiving one not archived changes nothing.",
        access: { allowed: canEditTouchpoints, to: "change touchpoints" },
        success: { status: 200, schema: touchpointSchema },
      }),
      async (c, { params }) => {
        return unarchiveTouchpoint(db, c.var.actor.workspaceId, params.id, dateOf(deps.clock));
      },
    ),
  ]);
}
