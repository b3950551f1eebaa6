// Signing in to the admin app: email and password (argon2) give a session whose random token lives in an
// HttpOnly cookie; only its hash is stored. State-changing requests also carry a CSRF token derived from
// the session with the server secret, which a cross-site page cannot read.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { sql } from "kysely";
import type { Clock } from "../../clock.ts";
import type { Db } from "../../db/open.ts";
import type { Role } from "../../db/schema.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { newId } from "../ids.ts";
import type { Actor } from "./actor.ts";

export const SESSION_DAYS = 30;

export interface SessionInfo {
  user: { id: string; email: string; name: string; role: Role; instanceOwner: boolean };
  workspace: { id: string; name: string; defaultLocale: "ja" | "en"; timeZone: string; isDemo: boolean };
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const csrfTokenFor = (secret: string, token: string): string =>
  createHmac("sha256", secret)
    .update(`csrf:${hashToken(token)}`)
    .digest("base64url");

export function csrfMatches(secret: string, token: string, given: string | undefined): boolean {
  const expected = Buffer.from(csrfTokenFor(secret, token));
  const got = Buffer.from(given ?? "");
  return got.length === expected.length && timingSafeEqual(got, expected);
}

let dummyHash: Promise<string> | undefined;
const unknownUserHash = () => (dummyHash ??= hash(randomBytes(16).toString("hex")));

/**
 * The account with this email and password, signed in to the workspace it last switched to, else a demo
 * it belongs to (a new installation's first look), else the default workspace, else its oldest.
 * Undefined for a wrong email or password; a 403 for an account in no workspace.
 */
export async function signIn(
  db: Db,
  email: string,
  password: string,
  clock: Clock,
): Promise<{ token: string } | undefined> {
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "last_workspace_id"])
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  // An unknown email costs one password check too, so the answer's time does not tell who has an account.
  if (!user) {
    await verify(await unknownUserHash(), password).catch(() => false);
    return undefined;
  }
  if (!(await verify(user.password_hash, password).catch(() => false))) return undefined;
  const start = await db
    .selectFrom("memberships as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select("m.workspace_id")
    .where("m.user_id", "=", user.id)
    .orderBy(sql`m.workspace_id = ${user.last_workspace_id}`, (ob) => ob.desc().nullsLast())
    .orderBy("w.is_demo", "desc")
    .orderBy("w.is_default", "desc")
    .orderBy("w.id")
    .limit(1)
    .executeTakeFirst();
  if (!start)
    throw new ForbiddenError("your account belongs to no workspace: ask a workspace owner to add you");
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      workspace_id: start.workspace_id,
      id: newId(),
      token_hash: hashToken(token),
      user_id: user.id,
      expires_at: new Date(clock.now() + SESSION_DAYS * 86_400_000),
    })
    .execute();
  return { token };
}

export async function findSession(
  db: Db,
  token: string,
  clock: Clock,
): Promise<(SessionInfo & { actor: Actor }) | undefined> {
  const r = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .innerJoin("memberships as m", (j) =>
      j.onRef("m.workspace_id", "=", "s.workspace_id").onRef("m.user_id", "=", "s.user_id"),
    )
    .innerJoin("workspaces as w", "w.id", "s.workspace_id")
    .select([
      "u.id as user_id",
      "u.email",
      "u.name",
      "u.is_instance_owner",
      "m.role",
      "w.id as workspace_id",
      "w.name as workspace_name",
      "w.default_locale",
      "w.time_zone",
      "w.is_demo",
    ])
    .where("s.token_hash", "=", hashToken(token))
    .where("s.expires_at", ">", new Date(clock.now()))
    .executeTakeFirst();
  if (!r) return undefined;
  const instanceOwner = r.is_instance_owner;
  return {
    actor: { kind: "user", id: r.user_id, workspaceId: r.workspace_id, role: r.role, instanceOwner },
    user: { id: r.user_id, email: r.email, name: r.name, role: r.role, instanceOwner },
    workspace: {
      id: r.workspace_id,
      name: r.workspace_name,
      defaultLocale: r.default_locale,
      timeZone: r.time_zone,
      isDemo: r.is_demo,
    },
  };
}

/**
 * Moves the session to another workspace of its user's, and remembers it for their next sign-in. 404 when
 * the user is not a member (the same answer as a workspace that does not exist). An instance owner owns
 * every workspace: one made before they became an owner, they join as its owner on the way in.
 */
export async function switchWorkspace(db: Db, token: string, workspaceId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`insert into memberships (workspace_id, user_id, role)
      select w.id, s.user_id, 'owner'
      from sessions s
      join users u on u.id = s.user_id and u.is_instance_owner
      join workspaces w on w.id = ${workspaceId}
      where s.token_hash = ${hashToken(token)}
      on conflict do nothing`.execute(tx);
    const moved = await tx
      .updateTable("sessions")
      .set({ workspace_id: workspaceId })
      .where("token_hash", "=", hashToken(token))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("memberships as m")
            .select("m.user_id")
            .whereRef("m.user_id", "=", "sessions.user_id")
            .where("m.workspace_id", "=", workspaceId),
        ),
      )
      .returning("user_id")
      .executeTakeFirst();
    if (!moved) throw new NotFoundError(`workspace ${workspaceId} not found`);
    await tx
      .updateTable("users")
      .set({ last_workspace_id: workspaceId })
      .where("id", "=", moved.user_id)
      .execute();
  });
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
}

/** Signs a user out everywhere (every workspace), except (when given) the session with this token. */
export async function endUserSessions(db: Db, userId: string, exceptToken?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptToken !== undefined) q = q.where("token_hash", "<>", hashToken(exceptToken));
  await q.execute();
}
