// /api/v1/suppressions — the addresses a workspace must not send survey email to, and the webhook
// that email providers' bounce and complaint events feed (which also mark the message in the sent-mail log).
import { z } from "zod";
import { canEditContacts, canRead } from "../../domain/auth/permissions.ts";
import { NotFoundError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/auth/actor.ts";
import { pageOf } from "../../domain/fields.ts";
import { markMailOutcomes } from "../../domain/outbox/mail-log.ts";
import { readEmailEvents } from "../../domain/suppressions/email-events.ts";
import {
  ADMIN_SOURCE,
  MAX_EMAIL,
  MAX_SUPPRESSION_BATCH,
  normaliseEmail,
  suppressionFilter,
  suppressionInput,
  suppressionSchema,
} from "../../domain/suppressions/suppression-schema.ts";
import {
  getSuppression,
  listSuppressions,
  suppress,
  suppressMany,
  unsuppress,
} from "../../domain/suppressions/suppressions.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";
import { check } from "../validate.ts";

const batchInput = z.object({ items: z.array(suppressionInput).min(1).max(MAX_SUPPRESSION_BATCH) }).strict();
const postBody = z.union([suppressionInput, batchInput]);
const batchResult = z
  .object({ suppressed: z.number().int().meta({ description: "Addresses in the batch" }) })
  .meta({ id: "SuppressionBatchResult" });

const MAX_EVENTS = 1000;
const webhookEvents = z.array(z.unknown()).max(MAX_EVENTS, `at most ${MAX_EVENTS} events per call`);
const webhookEvent = z.record(z.string().max(200), z.unknown());
const webhookBody = z.union([webhookEvent, webhookEvents]);
const webhookResult = z
  .object({
    suppressed: z
      .number()
      .int()
      .meta({ description: "Recipients suppressed (hard bounces, complaints, unsubscribes)" }),
    ignored: z
      .number()
      .int()
      .meta({ description: "Recipients whose event suppresses nothing (soft bounces, opens, …)" }),
    marked: z
      .number()
      .int()
      .meta({
        description:
          "Messages of the sent-mail log marked bounced or complained: the one the event's Message-ID names, " +
          "else the recipient's latest sent message",
      }),
  })
  .meta({ id: "EmailEventsResult" });

// Any text: an address that cannot be stored is simply not found (404), as one never suppressed is.
const emailParam = z.string().meta({ format: "email", description: "The address, in any case" });

/** The address in its stored spelling; one that cannot be stored is not found. */
function storedEmail(raw: string): string {
  const email = normaliseEmail(raw);
  if (!email) throw new NotFoundError(`no suppression for ${raw.slice(0, MAX_EMAIL)}`);
  return email;
}

/** Who added it, when the caller did not say: a person in the admin app, or an API key. */
const defaultSource = (actor: Actor) => (actor.kind === "user" ? ADMIN_SOURCE : "api");

const base = "/api/v1/suppressions";
const tag = "Email";
const one = { tag, params: { email: emailParam } } as const;

export function suppressionRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listSuppressions",
        method: "get",
        path: base,
        summary: "List suppressed addresses, newest first",
        description: "No survey email is sent to them; `reason` filters, `q` finds part of an address.",
        tag,
        query: suppressionFilter,
        access: { allowed: canRead, to: "read suppressions" },
        success: { status: 200, schema: pageOf(suppressionSchema, "SuppressionPage") },
      }),
      async (c, { query }) => {
        return listSuppressions(db, c.var.actor.workspaceId, query);
      },
    ),
    route(
      operation({
        operationId: "addSuppressions",
        method: "post",
        path: base,
        summary: "Suppress one address, or a batch of up to 1,000",
        description:
          "One address answers the row as stored; `{ items: [...] }` of up to 1,000 answers their count. " +
          "Idempotent; a row keeps the stronger reason: complained > bounced > unsubscribed > manual. Without " +
          "a `source`, it is `admin` for a signed-in user and `api` for an API key.",
        tag,
        body: postBody,
        bodyCheck: "handler",
        access: { allowed: canEditContacts, to: "add suppressions" },
        success: { status: 201, schema: z.union([suppressionSchema, batchResult]) },
      }),
      async (c, { body }) => {
        const ws = c.var.actor.workspaceId;
        // Told apart by their key, so errors name the field as sent (items.3.email) rather than "no union matched".
        if (body !== null && typeof body === "object" && "items" in body) {
          const { items } = check(batchInput, body);
          const suppressed = await suppressMany(
            db,
            ws,
            items.map((i) => ({ ...i, source: i.source ?? defaultSource(c.var.actor) })),
          );
          return { suppressed };
        }
        const input = check(suppressionInput, body);
        return suppress(db, ws, { ...input, source: input.source ?? defaultSource(c.var.actor) });
      },
    ),
    route(
      operation({
        operationId: "receiveEmailEvents",
        method: "post",
        path: `${base}/webhook`,
        summary: "Email provider events: bounces, complaints, unsubscribes",
        description:
          "Generic, SendGrid, Postmark, Mailgun, Amazon SES directly or via SNS or EventBridge; one event or an " +
          "array of up to 1,000. Hard bounces suppress as `bounced`, complaints as `complained`, unsubscribes as " +
          "`unsubscribed`; soft bounces and other events are ignored. Counted per recipient. A bounce or " +
          "complaint also marks the message in the sent-mail log (`/api/v1/sent-mail`).",
        tag,
        body: webhookBody,
        bodyCheck: "handler",
        access: { allowed: canEditContacts, to: "add suppressions" },
        success: { status: 200, schema: webhookResult },
      }),
      async (c, { body }) => {
        const events = check(Array.isArray(body) ? webhookEvents : webhookEvent, body);
        const result = readEmailEvents(events);
        const ws = c.var.actor.workspaceId;
        await suppressMany(
          db,
          ws,
          result.suppress.map(({ email, reason, source }) => ({ email, reason, source })),
        );
        const marked = await markMailOutcomes(
          db,
          ws,
          result.suppress.flatMap((s) =>
            s.reason === "bounced" || s.reason === "complained"
              ? [{ email: s.email, outcome: s.reason, messageId: s.messageId, source: s.source }]
              : [],
          ),
          new Date(deps.clock.now()),
        );
        return { suppressed: result.suppress.length, ignored: result.ignored, marked };
      },
    ),
    route(
      operation({
        ...one,
        operationId: "getSuppression",
        method: "get",
        path: `${base}/{email}`,
        summary: "The suppression of one address",
        description: "404 when it is not suppressed.",
        access: { allowed: canRead, to: "read suppressions" },
        success: { status: 200, schema: suppressionSchema },
      }),
      async (c, { params }) => {
        const email = storedEmail(params.email);
        const found = await getSuppression(db, c.var.actor.workspaceId, email);
        if (!found) throw new NotFoundError(`no suppression for ${email}`);
        return found;
      },
    ),
    route(
      operation({
        ...one,
        operationId: "deleteSuppression",
        method: "delete",
        path: `${base}/{email}`,
        summary: "Lift the suppression of one address",
        description: "Survey email may be sent to it again. 404 when it is not suppressed.",
        access: { allowed: canEditContacts, to: "lift suppressions" },
        success: { status: 204 },
      }),
      async (c, { params }) => {
        const email = storedEmail(params.email);
        if (!(await unsuppress(db, c.var.actor.workspaceId, email)))
          throw new NotFoundError(`no suppression for ${email}`);
        return undefined;
      },
    ),
  ]);
}
