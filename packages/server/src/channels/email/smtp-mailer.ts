// SMTP through a nodemailer connection pool. The message is built first (mime.ts), then streamed in after the
// server's DATA go-ahead; the stream holds back its end until `beforeEndOfData` has recorded that the
// message is about to be accepted. SMTP accepts a message only at the end-of-data mark, so a crash
// before that point cannot have delivered it (see docs/EMAIL.md, "Crash-safe sending").
import { Readable } from "node:stream";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { MailError, type Mailer } from "./mailer.ts";
import { buildMime } from "./mime.ts";

/** The message, whose end waits for `beforeEnd` to settle. */
function heldBackStream(message: Buffer, beforeEnd: () => Promise<void>): Readable {
  let state: "body" | "waiting" | "done" = "body";
  return new Readable({
    read() {
      if (state === "body") {
        state = "waiting";
        this.push(message);
      } else if (state === "waiting") {
        state = "done";
        beforeEnd().then(
          () => this.push(null),
          (e: unknown) => this.destroy(e instanceof Error ? e : new Error(String(e))),
        );
      }
    },
  });
}

interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
}

export function smtpMailer(url: string, opts: { maxConnections?: number } = {}): Mailer {
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
  return {
    kind: "smtp",
    async send(mail, hooks) {
      const message = buildMime(mail);
      let ending = false;
      const raw = heldBackStream(message, async () => {
        await hooks.beforeEndOfData();
        ending = true;
      });
      try {
        await transport.sendMail({ envelope: { from: mail.from.address, to: [mail.to] }, raw });
      } catch (e) {
        const err = e as SmtpError;
        const code = err.responseCode;
        // 5xx is permanent; 4xx and connection trouble are worth another try later. A reply means the
        // server decided; no reply after the end of data leaves the message's fate unknown.
        throw new MailError(err.message, code === undefined || code < 500, ending && code === undefined);
      }
    },
    close: async () => transport.close(),
  };
}
