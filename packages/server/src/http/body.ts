// Request bodies: their size limit and reading them as bytes or text. Under the Node server both work on Node's
// own request. Touching `c.req.raw.body` makes the adapter build a full Web Request (a stream, an abort
// signal, transferable wrappers): measured, that was a quarter of the server's CPU on a survey answer.
import { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Refuses a body over `maxSize`. A declared length is judged from the header alone (Node's parser never
 * reads past it); a chunked body is counted as it arrives, by Hono's own limit.
 */
export function limitBody(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return counted(c, next);
    return Number(length) > maxSize ? onError(c) : next();
  };
}

const bodies = new WeakMap<IncomingMessage, Promise<Uint8Array>>();

function readIncoming(incoming: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.once("end", () => resolve(Buffer.concat(chunks)));
    incoming.once("error", reject);
    incoming.once("close", () => {
      if (!incoming.complete)
        reject(new Error("the client closed the connection before the end of the body"));
    });
  });
}

/**
 * The body's bytes as sent (an uploaded file is decoded by its own rules, not as UTF-8); read once, so a
 * second call, or bodyText, gets the same bytes.
 */
export async function bodyBytes(c: Context): Promise<Uint8Array> {
  // The Node request under the Web one (absent under app.request()), unless something read it already.
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return new Uint8Array(await c.req.arrayBuffer());
  let bytes = bodies.get(incoming);
  // Read through the Web Request already (a chunked body counted by the limit, even an empty one).
  if (!bytes && (incoming.readableDidRead || incoming.readableEnded || incoming.destroyed))
    return new Uint8Array(await c.req.arrayBuffer());
  if (!bytes) bodies.set(incoming, (bytes = readIncoming(incoming)));
  return bytes;
}

/** The body as UTF-8 text; read once, so a second call gets the same text. */
export async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return c.req.text();
  // TextDecoder drops a leading byte-order mark, as Request.text() does.
  return new TextDecoder().decode(await bodyBytes(c));
}

/** The `charset` parameter of a Content-Type header (`text/csv; charset=shift_jis`), if any. */
export function contentTypeCharset(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? "");
  return (m?.[1] ?? m?.[2])?.trim() || undefined;
}

/** A posted form's fields: URL-encoded from the text, anything else (multipart) through Hono. */
export async function formFields(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return Object.fromEntries(new URLSearchParams(await bodyText(c)));
  }
  return c.req.parseBody();
}
