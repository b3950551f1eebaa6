// How survey mail leaves Koe: over SMTP, or into the outbox when no SMTP server is configured. Either
// way the rendered message is kept in the outbox table, for the sent-mail log.
import type { Clock } from "../../clock.ts";
import type { Db } from "../../db/open.ts";
import { keepMessage, outboxMailer } from "./outbox-mailer.ts";
import { smtpMailer } from "./smtp-mailer.ts";

export interface OutgoingMail {
  workspaceId: string;
  /** `<…@host>`; also the idempotency key of the message. */
  messageId: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /**
   * The contact the message was rendered for (absent: a test send to someone else's address). Its copy is
   * kept only while that contact exists: an erasure may run while the message is already being sent.
   */
  contactId?: string;
}

export interface SendHooks {
  /**
   * Called when the receiving server has the message but for its end-of-data mark: until the mark goes
   * out, a crash cannot have delivered it. Records that it may now be accepted, then calls `end` (which
   * sends the mark) at once, in the step that learns the record is safe; else the mark goes when the
   * promise settles.
   */
  beforeEndOfData(end: () => void): Promise<void>;
}

/** Errors the sender may retry later (a 4xx reply, a dropped connection) carry `transient`. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    /** The end of data may have been sent: the receiving server may have accepted the message. */
    readonly mayHaveBeenAccepted = false,
  ) {
    super(message);
  }
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  /** SMTP: the server as scheme, host and port, never its credentials (smtp://mail.example.com:587). */
  readonly server?: string;
  send(mail: OutgoingMail, hooks: SendHooks): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps a copy of each message before handing it to `inner`: the log shows what was sent, or attempted
 * (a refused message keeps its copy beside the server's reply). The copy is written before the message
 * starts to leave, outside the at-most-once steps, so a crash after it changes nothing of those.
 */
export function keepingCopies(db: Db, inner: Mailer): Mailer {
  if (inner.kind === "outbox") return inner; // the outbox's message is its copy
  return {
    kind: inner.kind,
    ...(inner.server !== undefined ? { server: inner.server } : {}),
    async send(mail, hooks) {
      await keepMessage(db, mail, inner.kind);
      await inner.send(mail, hooks);
    },
    close: () => inner.close(),
  };
}

export function createMailer(db: Db, smtpUrl: string | undefined, clock: Clock): Mailer {
  return smtpUrl ? keepingCopies(db, smtpMailer(smtpUrl, { clock })) : outboxMailer(db);
}

/** The SMTP URL without user, password or query (which may hold secrets): scheme, host and port. */
export function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "smtp";
  }
}
