// /api/v1/suppressions — the addresses a workspace must not send survey email to, and the webhook
// that email providers' bounce and complaint events feed.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { canEditContacts, canRead, ensure } from "../../domain/auth/permissions.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { readEmailEvents } from "../../domain/suppressions/email-events.ts";
import {
  MAX_SUPPRESSION_BATCH,
  normaliseEmail,
  suppressionFilter,
  suppressionInput,
} from "../../domain/suppressions/suppression-schema.ts";
import {
  getSuppression,
  listSuppressions,
  suppress,
  suppressMany,
  unsuppress,
} from "../../domain/suppressions/suppressions.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { check, query, readJson } from "../validate.ts";

const batchInput = z.object({ items: z.array(suppressionInput).min(1).max(MAX_SUPPRESSION_BATCH) }).strict();
const postBody = z.union([suppressionInput, batchInput]);

const MAX_EVENTS = 1000;
const webhookEvents = z.array(z.unknown()).max(MAX_EVENTS, `at most ${MAX_EVENTS} events per call`);
const webhookEvent = z.record(z.string().max(200), z.unknown());
const webhookBody = z.union([webhookEvent, webhookEvents]);

/** An address in the path that cannot be stored is simply not found. */
function pathEmail(c: Context): string {
  const raw = c.req.param("email") ?? "";
  const email = normaliseEmail(raw);
  if (!email) throw new NotFoundError(`no suppression for ${raw.slice(0, 320)}`);
  return email;
}

export function suppressionRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canRead(c.var.actor), "read suppressions");
      return c.json(await listSuppressions(db, c.var.actor.workspaceId, query(c, suppressionFilter)));
    })
    .post("/", async (c) => {
      ensure(canEditContacts(c.var.actor), "add suppressions");
      const raw = await readJson(c);
      const ws = c.var.actor.workspaceId;
      // Told apart by their key, so errors name the field as sent (items.3.email) rather than "no union matched".
      if (raw !== null && typeof raw === "object" && "items" in raw) {
        const { items } = check(batchInput, raw);
        const suppressed = await suppressMany(
          db,
          ws,
          items.map((i) => ({ ...i, source: i.source ?? "api" })),
        );
        return c.json({ suppressed });
      }
      const input = check(suppressionInput, raw);
      return c.json(await suppress(db, ws, { ...input, source: input.source ?? "api" }), 201);
    })
    .post("/webhook", async (c) => {
      ensure(canEditContacts(c.var.actor), "add suppressions");
      const raw = await readJson(c);
      const events = check(Array.isArray(raw) ? webhookEvents : webhookEvent, raw);
      const result = readEmailEvents(events);
      await suppressMany(db, c.var.actor.workspaceId, result.suppress);
      return c.json({ suppressed: result.suppress.length, ignored: result.ignored });
    })
    .get("/:email", async (c) => {
      ensure(canRead(c.var.actor), "read suppressions");
      const email = pathEmail(c);
      const found = await getSuppression(db, c.var.actor.workspaceId, email);
      if (!found) throw new NotFoundError(`no suppression for ${email}`);
      return c.json(found);
    })
    .delete("/:email", async (c) => {
      ensure(canEditContacts(c.var.actor), "lift suppressions");
      const email = pathEmail(c);
      if (!(await unsuppress(db, c.var.actor.workspaceId, email)))
        throw new NotFoundError(`no suppression for ${email}`);
      return c.body(null, 204);
    });
  const tag = "Suppressions";
  const docs: RouteDoc[] = [
    {
      method: "get",
      path: "/api/v1/suppressions",
      summary: "List suppressed addresses (no survey email is sent to them), newest first",
      tag,
      query: suppressionFilter,
      success: 200,
    },
    {
      method: "post",
      path: "/api/v1/suppressions",
      summary:
        "Suppress one address (201 with the row as stored) or `{ items: [...] }` of up to 1,000 (200 with the " +
        "count). Idempotent; a row keeps the stronger reason: complained > bounced > unsubscribed > manual",
      tag,
      body: postBody,
      success: 201,
    },
    {
      method: "post",
      path: "/api/v1/suppressions/webhook",
      summary:
        "Email provider events (generic, SendGrid, Postmark, Mailgun, Amazon SES directly or via SNS or " +
        "EventBridge), one or an array of up to 1,000: hard bounces suppress as `bounced`, complaints as " +
        "`complained`, unsubscribes as `unsubscribed`; soft bounces and other events are ignored. Answers " +
        "`{ suppressed, ignored }`, counted per recipient",
      tag,
      body: webhookBody,
      success: 200,
    },
    {
      method: "get",
      path: "/api/v1/suppressions/{email}",
      summary: "Get the suppression of one address (404 when it is not suppressed)",
      tag,
      success: 200,
    },
    {
      method: "delete",
      path: "/api/v1/suppressions/{email}",
      summary: "Lift the suppression of one address, so survey email may be sent to it again",
      tag,
      success: 204,
    },
  ];
  return { routes, docs };
}
