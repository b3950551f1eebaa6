import type { Mailer } from "../channels/email/mailer.ts";
import type { Db } from "../db/open.ts";
import type { Actor } from "../domain/auth/actor.ts";
import type { EventBus } from "../domain/events/bus.ts";

/** What the HTTP layer needs from the process: handed in, so tests build an app per database. */
export interface AppDeps {
  db: Db;
  events: EventBus;
  version: string;
  /** Signs personal links and public form tokens. */
  secret: string;
  /** The public address used in links, e.g. https://koe.example.com */
  baseUrl: string;
  /** How mail leaves (SMTP or the outbox); the outbox when not given. */
  mailer?: Mailer;
  /** Per client address on the public pages; default 120. */
  publicRequestsPerMinute?: number;
}

export interface AppEnv {
  Variables: { actor: Actor };
}
