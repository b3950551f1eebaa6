// /api/v1/sent-mail: the log of every message whatever the transport; /api/v1/outbox: which transport is in use (/transport), and
// the mail kept when no SMTP server is configured, each message also as rendered HTML. A message's contents
// carry the customer's personal answer and unsubscribe links, so opening one needs a member (readMessages);
// viewers read only the log's list.
import { canRead, canReadMessages } from "../../domain/auth/permissions.ts";
import { pageOf } from "../../domain/fields.ts";
import { getOutboxHtml, getOutboxMessage, listOutbox, toOutboxMessage } from "../../domain/outbox/outbox.ts";
import { outboxMessageSchema, outboxQuery } from "../../domain/outbox/outbox-schema.ts";
import { getMailLogEntry, getMailLogHtml, listMailLog } from "../../domain/outbox/mail-log.ts";
import {
  mailLogDetailSchema,
  mailLogEntrySchema,
  mailLogQuery,
  mailTransportSchema,
} from "../../domain/outbox/mail-log-schema.ts";
import { decodeIdCursor, toPage } from "../../domain/paging.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/outbox";
// Its own base: /outbox/log/{id} and /outbox/{id}/html would each match the other's URLs.
const sentMailBase = "/api/v1/sent-mail";
const one = { tag: "Email", params: { id: "message" } } as const;

/** Why a message's contents need more than the list: they are the customer's own links. */
const OPEN_NOTE =
  "Needs a member or higher: the message holds the recipient's personal answer links and one-click " +
  "unsubscribe URL, with which a viewer could answer or unsubscribe as them (viewers get 403 and read " +
  "only the sent-mail log's list).";

/** Shown as the recipient would see it, but never able to run script or reach our origin. */
const SANDBOX = "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'";

export function outboxRoutes(deps: AppDeps) {
  // The fixed path before /{id}, which would take "transport" for an id.
  return contractRoutes(base, [
    route(
      operation({
        operationId: "getMailTransport",
        method: "get",
        path: `${base}/transport`,
        summary: "How this server's mail leaves: SMTP (which server) or the outbox",
        description: "The SMTP server is named by scheme, host and port, never its user or password.",
        tag: "Email",
        access: { allowed: canRead, to: "read the sent-mail log" },
        success: { status: 200, schema: mailTransportSchema },
      }),
      () => {
        const mailer = deps.mailer;
        return mailer?.kind === "smtp"
          ? { transport: "smtp" as const, server: mailer.server ?? null }
          : { transport: "outbox" as const, server: null };
      },
    ),
    route(
      operation({
        operationId: "listOutboxMessages",
        method: "get",
        path: base,
        summary: "Mail kept in the outbox, newest first",
        description:
          "Kept instead of sent while no SMTP server is configured; `to` filters by recipient. Messages " +
          "SMTP sent are in the sent-mail log (`/api/v1/sent-mail`), which also lists these (to viewers " +
          "too). Each message here comes with its text and headers, so this list needs a member as well. " +
          OPEN_NOTE,
        tag: "Email",
        query: outboxQuery,
        access: { allowed: canReadMessages, to: "open a sent message" },
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
        description: OPEN_NOTE,
        access: { allowed: canReadMessages, to: "open a sent message" },
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
        description: "The HTML part, served sandboxed (no script, no requests to this origin). " + OPEN_NOTE,
        access: { allowed: canReadMessages, to: "open a sent message" },
        success: { status: 200, mediaType: "text/html", description: "The message's HTML part" },
      }),
      async (c, { params }) => {
        const html = await getOutboxHtml(deps.db, c.var.actor.workspaceId, params.id);
        c.header("content-security-policy", SANDBOX);
        return c.html(html);
      },
    ),
  ]);
}

/** /api/v1/sent-mail: the log of every message whatever the transport, and one message's contents. */
export function sentMailRoutes(deps: AppDeps) {
  return contractRoutes(sentMailBase, [
    route(
      operation({
        operationId: "listSentMail",
        method: "get",
        path: sentMailBase,
        summary: "The sent-mail log: every message, newest first",
        description:
          "Every message on the delivery ledger whatever the transport: queued, sending, sent, failed (with " +
          "the server's reply), skipped (with the reason), bounced or complained (a provider's webhook). " +
          "Filters: `status`, `campaign`, `survey`, `q` (recipient address or contact name), `since`/`until`. " +
          "Readable by viewers: an entry carries no text, headers or links (opening a message needs a member).",
        tag: "Email",
        query: mailLogQuery,
        access: { allowed: canRead, to: "read the sent-mail log" },
        success: { status: 200, schema: pageOf(mailLogEntrySchema, "SentMailPage") },
      }),
      async (c, { query }) =>
        listMailLog(deps.db, c.var.actor.workspaceId, { ...query, after: decodeIdCursor(query.cursor) }),
    ),
    route(
      operation({
        ...one,
        operationId: "getSentMail",
        method: "get",
        path: `${sentMailBase}/{id}`,
        summary: "One message of the sent-mail log, with its plain text and headers when kept",
        description: OPEN_NOTE,
        access: { allowed: canReadMessages, to: "open a sent message" },
        success: { status: 200, schema: mailLogDetailSchema },
      }),
      async (c, { params }) => getMailLogEntry(deps.db, c.var.actor.workspaceId, params.id),
    ),
    route(
      operation({
        ...one,
        operationId: "getSentMailHtml",
        method: "get",
        path: `${sentMailBase}/{id}/html`,
        summary: "One message of the sent-mail log as the recipient saw it",
        description:
          "The HTML part as it was sent, served sandboxed (no script, no requests to this origin); 404 when " +
          "no copy was kept (a message not rendered yet, or skipped). " +
          OPEN_NOTE,
        access: { allowed: canReadMessages, to: "open a sent message" },
        success: { status: 200, mediaType: "text/html", description: "The message's HTML part" },
      }),
      async (c, { params }) => {
        const html = await getMailLogHtml(deps.db, c.var.actor.workspaceId, params.id);
        c.header("content-security-policy", SANDBOX);
        return c.html(html);
      },
    ),
  ]);
}
