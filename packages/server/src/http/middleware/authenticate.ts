// Who is calling /api/v1: an API key (`Authorization: Bearer …`), or a user signed in to the admin app
// (the session cookie). A cookie is sent by the browser on its own, so a state-changing request made with
// it must also carry the CSRF token, which only our own pages can read.
import { dateOf } from "../../clock.ts";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { authenticateApiKey } from "../../domain/auth/api-keys.ts";
import { csrfMatches, findSession } from "../../domain/auth/sessions.ts";
import { ForbiddenError, UnauthorizedError } from "../../domain/errors.ts";
import type { AppDeps, AppEnv } from "../env.ts";

export const SESSION_COOKIE = "koe_session";
const safe = new Set(["GET", "HEAD", "OPTIONS"]);

export const authenticate = (deps: AppDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    const token = getCookie(c, SESSION_COOKIE);
    if (!header && token) {
      const session = await findSession(deps.db, token, deps.clock);
      if (!session) throw new UnauthorizedError("your session has ended; sign in again");
      if (!safe.has(c.req.method) && !csrfMatches(deps.secret, token, c.req.header("x-csrf-token")))
        throw new ForbiddenError("missing or wrong x-csrf-token header");
      c.set("actor", session.actor);
      return next();
    }
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header ?? "");
    if (!match?.[1]) throw new UnauthorizedError("send an API key as 'Authorization: Bearer <key>'");
    const actor = await authenticateApiKey(deps.db, match[1], dateOf(deps.clock));
    if (!actor) throw new UnauthorizedError("this API key is unknown or revoked");
    c.set("actor", actor);
    await next();
  });
