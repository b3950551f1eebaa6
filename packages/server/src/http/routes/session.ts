// /api/v1/session: signing in to and out of the admin app.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
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
import type { AppDeps } from "../env.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";
import { rateLimit } from "../middleware/rate-limit.ts";
import { problem } from "../problem.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body } from "../validate.ts";

export const signInInput = z
  .object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) })
  .strict();

export function sessionRoutes(deps: AppDeps): { routes: Hono; docs: RouteDoc[] } {
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
    return c.json(await current(signed.token));
  };
  const routes = new Hono()
    .post("/", attempts, async (c) => {
      const input = await body(c, signInInput);
      return signInAs(c, input.email, input.password);
    })
    .get("/setup", async (c) => c.json({ needed: await needsFirstOwner(deps.db) }))
    .post("/setup", attempts, async (c) => {
      const input = await body(c, firstOwnerInput);
      await createFirstOwner(deps.db, input);
      return signInAs(c, input.email, input.password);
    })
    .get("/", async (c) => c.json(await current(getCookie(c, SESSION_COOKIE))))
    .delete("/", async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        if (!csrfMatches(deps.secret, token, c.req.header("x-csrf-token")))
          throw new ForbiddenError("missing or wrong x-csrf-token header");
        await signOut(deps.db, token);
      }
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    });
  const docs: RouteDoc[] = [
    {
      method: "post",
      path: "/api/v1/session",
      summary:
        "Sign in to the admin app (sets an HttpOnly session cookie; returns the CSRF token for x-csrf-token)",
      tag: "Session",
      body: signInInput,
      success: 200,
      auth: false,
    },
    {
      method: "get",
      path: "/api/v1/session",
      summary:
        "The signed-in user (instanceOwner: may create, rename and delete workspaces), the workspace the session is in, every workspace the user belongs to with their role, and the CSRF token",
      tag: "Session",
      success: 200,
      auth: false,
    },
    {
      method: "get",
      path: "/api/v1/session/setup",
      summary:
        "Whether the installation has no user yet (the admin app then offers to create the first owner)",
      tag: "Session",
      success: 200,
      auth: false,
    },
    {
      method: "post",
      path: "/api/v1/session/setup",
      summary: "Create the first owner of a new installation and sign in (409 once any user exists)",
      tag: "Session",
      body: firstOwnerInput,
      success: 200,
      auth: false,
    },
    {
      method: "delete",
      path: "/api/v1/session",
      summary: "Sign out",
      tag: "Session",
      success: 204,
      auth: false,
    },
  ];
  return { routes, docs };
}
