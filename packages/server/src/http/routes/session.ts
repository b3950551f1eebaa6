// /api/v1/session: signing in to and out of the admin app, and setting up a new installation's first owner.
// The session is an HttpOnly cookie; state-changing requests echo its CSRF token in x-csrf-token.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { sessionUserSchema, sessionWorkspaceSchema } from "../../domain/auth/access-schema.ts";
import {
  csrfMatches,
  csrfTokenFor,
  findSession,
  SESSION_DAYS,
  signIn,
  signOut,
} from "../../domain/auth/sessions.ts";
import { createFirstOwner, firstOwnerInput, needsFirstOwner } from "../../domain/auth/first-owner.ts";
import { ForbiddenError, UnauthorizedError } from "../../domain/errors.ts";
import { listMemberWorkspaces } from "../../domain/workspaces/workspaces.ts";
import { clientAddress } from "../client-address.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";
import { rateLimit } from "../middleware/rate-limit.ts";
import { problem } from "../problem.ts";
import { workspaceSchema } from "./workspaces.ts";

export const signInInput = z
  .object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) })
  .strict();

const sessionSchema = z
  .object({
    user: sessionUserSchema,
    workspace: sessionWorkspaceSchema.meta({ description: "The workspace the session is in" }),
    workspaces: z
      .array(workspaceSchema)
      .meta({ description: "Every workspace the user belongs to, with their role in each: the switcher" }),
    csrfToken: z.string().meta({ description: "Send it as x-csrf-token with every state-changing request" }),
  })
  .meta({ id: "Session" });

const setupStateSchema = z
  .object({ needed: z.boolean().meta({ description: "No user yet: the first owner is to be created" }) })
  .meta({ id: "SetupState" });

const base = "/api/v1/session";
const tag = "Session";

export function sessionRoutes(deps: AppDeps) {
  // Password guessing: a few tries a minute per address.
  const attempts = rateLimit({
    limit: 10,
    windowMs: 60_000,
    key: (c) => clientAddress(c, deps.proxy),
    clock: deps.clock,
    onLimit: (c) => problem(c, 429, "too many sign-in attempts; wait a minute"),
  });
  const current = async (token: string | undefined) => {
    const session = token ? await findSession(deps.db, token, deps.clock) : undefined;
    if (!token || !session) throw new UnauthorizedError("not signed in");
    return {
      user: session.user,
      workspace: session.workspace,
      // Every workspace the user belongs to, with their role in each: the admin app's switcher.
      workspaces: await listMemberWorkspaces(deps.db, session.user.id),
      csrfToken: csrfTokenFor(deps.secret, token),
    };
  };
  const signInAs = async (c: Context, email: string, password: string) => {
    const signed = await signIn(deps.db, email, password, deps.clock);
    if (!signed) throw new UnauthorizedError("the email or password is not right");
    setCookie(c, SESSION_COOKIE, signed.token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: deps.baseUrl.startsWith("https:"),
      path: "/",
      maxAge: SESSION_DAYS * 86_400,
    });
    return current(signed.token);
  };
  return contractRoutes(base, [
    route(
      operation({
        operationId: "signIn",
        method: "post",
        path: base,
        summary: "Sign in to the admin app",
        description:
          "Sets the HttpOnly session cookie (koe_session) and answers the session with its CSRF token, for " +
          "x-csrf-token. 401 for a wrong email or password; 10 attempts a minute per client address.",
        tag,
        auth: false,
        body: signInInput,
        success: { status: 200, schema: sessionSchema },
        errors: [401, 429],
      }),
      async (c, { body }) => signInAs(c, body.email, body.password),
      [attempts],
    ),
    route(
      operation({
        operationId: "getSession",
        method: "get",
        path: base,
        summary: "The signed-in user, their workspaces and the CSRF token",
        description:
          "The user (instanceOwner: may create, rename and delete workspaces), the workspace the session is in, " +
          "every workspace the user belongs to with their role, and the CSRF token. 401 when not signed in.",
        tag,
        auth: "session",
        success: { status: 200, schema: sessionSchema },
      }),
      async (c) => current(getCookie(c, SESSION_COOKIE)),
    ),
    route(
      operation({
        operationId: "signOut",
        method: "delete",
        path: base,
        summary: "Sign out",
        description:
          "Ends the session and clears its cookie; with a session, x-csrf-token must match it (403). Without " +
          "one there is nothing to end, and it answers 204 too.",
        tag,
        auth: false,
        success: { status: 204 },
        errors: [403],
      }),
      async (c) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (token) {
          if (!csrfMatches(deps.secret, token, c.req.header("x-csrf-token")))
            throw new ForbiddenError("missing or wrong x-csrf-token header");
          await signOut(deps.db, token);
        }
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
        return undefined;
      },
    ),
    route(
      operation({
        operationId: "getSetupState",
        method: "get",
        path: `${base}/setup`,
        summary: "Whether the installation has no user yet",
        description: "The admin app then offers to create the first owner.",
        tag,
        auth: false,
        success: { status: 200, schema: setupStateSchema },
      }),
      async () => ({ needed: await needsFirstOwner(deps.db) }),
    ),
    route(
      operation({
        operationId: "setUpFirstOwner",
        method: "post",
        path: `${base}/setup`,
        summary: "Create the first owner of a new installation and sign in",
        description: "409 once any user exists; rate limited like signing in.",
        tag,
        auth: false,
        body: firstOwnerInput,
        success: { status: 200, schema: sessionSchema },
        errors: [409, 429],
      }),
      async (c, { body }) => {
        await createFirstOwner(deps.db, body);
        return signInAs(c, body.email, body.password);
      },
      [attempts],
    ),
  ]);
}
