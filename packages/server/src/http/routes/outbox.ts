// /api/v1/outbox: the mail kept when no SMTP server is configured, and each message as rendered HTML.
import { canRead } from "../../domain/auth/permissions.ts";
import { pageOf } from "../../domain/fields.ts";
import { getOutboxHtml, getOutboxMessage, listOutbox, toOutboxMessage } from "../../domain/outbox/outbox.ts";
import { outboxMessageSchema, outboxQuery } from "../../domain/outbox/outbox-schema.ts";
import { decodeIdCursor, toPage } from "../../domain/paging.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/outbox";
const one = { tag: "Email", params: { id: "message" } } as const;

export function outboxRoutes(deps: AppDeps) {
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listOutboxMessages",
        method: "get",
        path: base,
        summary: "Mail kept in the outbox, newest first",
        description: "Kept instead of sent while no SMTP server is configured; `to` filters by recipient.",
        tag: "Email",
        query: outboxQuery,
        access: { allowed: canRead, to: "read the outbox" },
        success: { status: 200, schema: pageOf(outboxMessageSchema, "OutboxMessagePage") },
      }),
      async (c, { query }) => {
        const rows = await listOutbox(deps.db, c.var.actor.workspaceId, {
          limit: query.limit,
          after: decodeIdCursor(query.cursor),
          to: query.to,
        });
        return toPage(rows, query.limit, toOutboxMessage, (r) => r.id);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "getOutboxMessage",
        method: "get",
        path: `${base}/{id}`,
        summary: "One kept message: recipient, subject, text and headers",
        access: { allowed: canRead, to: "read the outbox" },
        success: { status: 200, schema: outboxMessageSchema },
      }),
      async (c, { params }) => {
        return getOutboxMessage(deps.db, c.var.actor.workspaceId, params.id);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "getOutboxMessageHtml",
        method: "get",
        path: `${base}/{id}/html`,
        summary: "One kept message as the recipient would see it",
        description: "The HTML part, served sandboxed (no script, no requests to this origin).",
        access: { allowed: canRead, to: "read the outbox" },
        success: { status: 200, mediaType: "text/html", description: "The message's HTML part" },
      }),
      async (c, { params }) => {
        const html = await getOutboxHtml(deps.db, c.var.actor.workspaceId, params.id);
        // Shown as the recipient would see it, but never able to run script or reach our origin.
        c.header(
          "content-security-policy",
          "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'",
        );
        return c.html(html);
      },
    ),
  ]);
}
