// SMTP through a nodemailer connection pool. SMTP accepts a message only at its end-of-data mark, so the
// mark is what Koe holds back: the body goes out once the server has said "go ahead" (354), and the mark
// follows only when `beforeEndOfData` has recorded that the message may be accepted, in the same step
// that learns the record is safe (see docs/EMAIL.md, "Crash-safe sending").
import { Readable } from "node:stream";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { dateOf, systemClock, type Clock } from "../../clock.ts";
import { MailError, serverOf, type Mailer, type SendHooks } from "./mailer.ts";
import { buildMime } from "./mime.ts";

/** A stream's pipe destinations (Node keeps them in its internal state; there is no public accessor). */
const pipesOf = (s: unknown): unknown[] =>
  (s as { _readableState?: { pipes?: unknown[] } })._readableState?.pipes ?? [];

const pendingBytes = (s: unknown): number => {
  const w = s as { writableLength?: number; readableLength?: number };
  return (w.writableLength ?? 0) + (w.readableLength ?? 0);
};

/**
 * Resolves once what was written through `dataStream` has left the process for the kernel: a slow reader
 * on the other end leaves the body in the socket's buffer, and the end of data would queue behind it.
 */
async function flushed(dataStream: unknown): Promise<void> {
  const hops = [dataStream, ...pipesOf(dataStream)];
  while (hops.some((h) => pendingBytes(h) > 0)) await new Promise((r) => setTimeout(r, 1));
}

/**
 * What the connection reads in its DATA phase. Nodemailer buffers a message before its envelope is
 * accepted, so holding back the end of the message's own stream would record too early; this stream is
 * the last before the connection's, read only once the server wants the body. It hands over the body on
 * that first read and, on the next, once the body is out of the process, calls `beforeEnd`.
 */
function dataPhase(input: Readable, beforeEnd: (end: () => void) => Promise<void>): Readable {
  const body: Buffer[] = [];
  let state: "buffering" | "buffered" | "body sent" | "ending" = "buffering";
  let wanted = false;
  const out = new Readable({
    read() {
      wanted = true;
      step();
    },
    destroy(err, callback) {
      input.destroy();
      callback(err);
    },
  });
  let dataStream: unknown;
  const pipe = out.pipe.bind(out);
  out.pipe = (<T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }) => {
    dataStream = dest;
    return pipe(dest, opts);
  }) as typeof out.pipe;
  const step = () => {
    if (!wanted) return;
    if (state === "buffered") {
      state = "body sent";
      wanted = false;
      out.push(Buffer.concat(body));
    } else if (state === "body sent" && out.readableLength === 0 && out.readableFlowing) {
      state = "ending";
      wanted = false;
      flushed(dataStream)
        .then(() => beforeEnd(() => out.push(null)))
        .catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
    } else if (state === "body sent") {
      // Node asks before the body is taken; an empty push lets it ask again once it is.
      wanted = false;
      out.push(Buffer.alloc(0));
    }
  };
  input.on("data", (chunk: Buffer) => body.push(chunk));
  input.once("end", () => {
    state = "buffered";
    step();
  });
  input.once("error", (e) => out.destroy(e));
  return out;
}

interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
}

export function smtpMailer(
  url: string,
  /** clock: the one clock, whose time dates each message (the process's own when not given). */
  opts: { maxConnections?: number; clock?: Clock } = {},
): Mailer {
  const clock = opts.clock ?? systemClock;
  const options: SMTPPool.Options & { url: string } = {
    url,
    pool: true,
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: Infinity,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
  const transport = nodemailer.createTransport(options);
  // The hooks of each message in flight, found by its raw buffer (nodemailer copies the options object).
  const hooksOf = new WeakMap<Buffer, SendHooks & { ending: boolean }>();
  transport.use("stream", (sending, done) => {
    const raw = sending.data.raw;
    const hooks = Buffer.isBuffer(raw) ? hooksOf.get(raw) : undefined;
    if (hooks) {
      sending.message.processFunc((input) =>
        dataPhase(input, async (end) => {
          // A message the pool retries over another connection is read again; it is recorded once.
          const sendEnd = () => {
            if (hooks.ending) return;
            hooks.ending = true;
            end();
          };
          if (hooks.ending) return end();
          await hooks.beforeEndOfData(sendEnd);
          sendEnd(); // a hook that did not send it: when it settles
        }),
      );
    }
    done();
  });
  return {
    kind: "smtp",
    server: serverOf(url),
    async send(mail, hooks) {
      const raw = buildMime(mail, dateOf(clock));
      const state = { beforeEndOfData: hooks.beforeEndOfData, ending: false };
      hooksOf.set(raw, state);
      try {
        await transport.sendMail({ envelope: { from: mail.from.address, to: [mail.to] }, raw });
      } catch (e) {
        const err = e as SmtpError;
        const code = err.responseCode;
        // 5xx is permanent; 4xx and connection trouble are worth another try later. A reply means the
        // server decided; no reply after the end of data leaves the message's fate unknown.
        throw new MailError(
          err.message,
          code === undefined || code < 500,
          state.ending && code === undefined,
        );
      }
    },
    close: async () => transport.close(),
  };
}
