import type { Clock } from "../clock.ts";
import type { Mailer } from "../channels/email/mailer.ts";
import type { Db } from "../db/open.ts";
import type { Actor } from "../domain/auth/actor.ts";
import type { HitCounter } from "../domain/rate-limits/hit-counter.ts";
import type { ProxySettings } from "./client-address.ts";

/** What the HTTP layer needs from the process: handed in, so tests build an app per database. */
export interface AppDeps {
  db: Db;
  version: string;
  /** Signs personal links and public form tokens. */
  secret: string;
  /** The public address used in links, e.g. https://koe.example.com */
  baseUrl: string;
  /** How mail leaves (SMTP or the outbox); the outbox when not given. */
  mailer?: Mailer;
  /** How long after its page a post without scripting may answer (KOE_NOSCRIPT_MIN_SECONDS); default 3 s. */
  noScriptMinMs?: number;
  /** Per client address on the public pages; default 120. */
  publicRequestsPerMinute?: number;
  /** Counts the public pages' requests; shared by every process under `koe serve`, else this app's own. */
  publicHits?: HitCounter;
  /** Reverse proxies trusted to name the client (KOE_TRUST_PROXY); none by default. */
  proxy?: ProxySettings;
  /**
   * The one clock (src/clock.ts) every handler reads the time from: expiry, rate-limit windows, form
   * timing, due times. systemClock in the process; tests hand in a ManualClock and move it.
   */
  clock: Clock;
}

export interface AppEnv {
  Variables: { actor: Actor };
}
