// Request bodies: their size limit and reading them as text. Under the Node server both work on Node's
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

const texts = new WeakMap<IncomingMessage, Promise<string>>();

function readIncoming(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    // TextDecoder drops a leading byte-order mark, as Request.text() does.
    incoming.once("end", () => resolve(new TextDecoder().decode(Buffer.concat(chunks))));
    incoming.once("error", reject);
    incoming.once("close", () => {
      if (!incoming.complete)
        reject(new Error("the client closed the connection before the end of the body"));
    });
  });
}

/** The body as UTF-8 text; read once, so a second call gets the same text. */
export function bodyText(c: Context): Promise<string> {
  // The Node request under the Web one (absent under app.request()), unless something read it already.
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return c.req.text();
  let text = texts.get(incoming);
  // Read through the Web Request already (a chunked body counted by the limit, even an empty one).
  if (!text && (incoming.readableDidRead || incoming.readableEnded || incoming.destroyed))
    return c.req.text();
  if (!text) texts.set(incoming, (text = readIncoming(incoming)));
  return text;
}

/** A posted form's fields: URL-encoded from the text, anything else (multipart) through Hono. */
export async function formFields(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return Object.fromEntries(new URLSearchParams(await bodyText(c)));
  }
  return c.req.parseBody();
}
