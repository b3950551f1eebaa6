// How survey mail leaves Koe: over SMTP, or into the outbox when no SMTP server is configured.
import type { Clock } from "../../clock.ts";
import type { Db } from "../../db/open.ts";
import { outboxMailer } from "./outbox-mailer.ts";
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
  send(mail: OutgoingMail, hooks: SendHooks): Promise<void>;
  close(): Promise<void>;
}

export function createMailer(db: Db, smtpUrl: string | undefined, clock: Clock): Mailer {
  return smtpUrl ? smtpMailer(smtpUrl, { clock }) : outboxMailer(db);
}
