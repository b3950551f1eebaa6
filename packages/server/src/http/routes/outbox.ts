// /api/v1/outbox: the mail kept when no SMTP server is configured, and each message as rendered HTML.
import { Hono } from "hono";
import { z } from "zod";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import { pageSchema } from "../../domain/fields.ts";
import { getOutboxHtml, getOutboxMessage, listOutbox, toOutboxMessage } from "../../domain/outbox/outbox.ts";
import { decodeIdCursor, toPage } from "../../domain/paging.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { pathId, query } from "../validate.ts";

const outboxQuery = pageSchema.extend({ to: z.email().max(320).optional() });

export function outboxRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canRead(c.var.actor), "read the outbox");
      const q = query(c, outboxQuery);
      const rows = await listOutbox(deps.db, c.var.actor.workspaceId, {
        limit: q.limit,
        after: decodeIdCursor(q.cursor),
        to: q.to,
      });
      return c.json(toPage(rows, q.limit, toOutboxMessage, (r) => r.id));
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), "read the outbox");
      return c.json(await getOutboxMessage(deps.db, c.var.actor.workspaceId, pathId(c, "message")));
    })
    .get("/:id/html", async (c) => {
      ensure(canRead(c.var.actor), "read the outbox");
      const html = await getOutboxHtml(deps.db, c.var.actor.workspaceId, pathId(c, "message"));
      // Shown as the recipient would see it, but never able to run script or reach our origin.
      c.header(
        "content-security-policy",
        "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'",
      );
      return c.html(html);
    });
  const docs: RouteDoc[] = [
    {
      method: "get",
      path: "/api/v1/outbox",
      summary: "Mail kept in the outbox (no SMTP configured), newest first; `to` filters by recipient",
      tag: "Email",
      query: outboxQuery,
      success: 200,
    },
    {
      method: "get",
      path: "/api/v1/outbox/{id}",
      summary: "One kept message: recipient, subject, text and headers",
      tag: "Email",
      success: 200,
    },
    {
      method: "get",
      path: "/api/v1/outbox/{id}/html",
      summary: "One kept message as the recipient would see it (text/html, sandboxed)",
      tag: "Email",
      success: 200,
    },
  ];
  return { routes, docs };
}
