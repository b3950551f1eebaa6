// GET /api/v1/audit-log: who exported or erased which contact, newest first (admins and up).
import { auditListQuery, auditPageSchema, listAuditLog } from "../../domain/audit/audit-log.ts";
import { canHandlePrivacyRequests } from "../../domain/auth/permissions.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/audit-log";

export function auditLogRoutes(deps: AppDeps) {
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listAuditLog",
        method: "get",
        path: base,
        summary: "The audit log, newest first: privacy exports and erasures, with who did them",
        tag: "Workspace",
        query: auditListQuery,
        access: { allowed: canHandlePrivacyRequests, to: "read the audit log" },
        success: { status: 200, schema: auditPageSchema },
      }),
      async (c, { query }) => listAuditLog(deps.db, c.var.actor.workspaceId, query),
    ),
  ]);
}
