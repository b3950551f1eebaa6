// Signing in to the admin app: email and password (argon2) give a session whose random token lives in an
// HttpOnly cookie; only its hash is stored. State-changing requests also carry a CSRF token derived from
// the session with the server secret, which a cross-site page cannot read.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../../db/open.ts";
import type { Role } from "../../db/schema.ts";
import { newId } from "../ids.ts";
import type { Actor } from "./actor.ts";

export const SESSION_DAYS = 30;

export interface SessionInfo {
  user: { id: string; email: string; name: string; role: Role };
  workspace: { id: string; name: string; defaultLocale: "ja" | "en"; timeZone: string };
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

/** The user with this email and password (the default workspace first when several have one). */
export async function signIn(
  db: Db,
  email: string,
  password: string,
): Promise<{ token: string } | undefined> {
  const users = await db
    .selectFrom("users as u")
    .innerJoin("workspaces as w", "w.id", "u.workspace_id")
    .select(["u.workspace_id", "u.id", "u.password_hash"])
    .where("u.email", "=", email.trim().toLowerCase())
    .orderBy("w.is_default", "desc")
    .limit(10)
    .execute();
  // An unknown email costs one password check too, so the answer's time does not tell who has an account.
  if (users.length === 0) await verify(await unknownUserHash(), password).catch(() => false);
  for (const u of users) {
    if (!(await verify(u.password_hash, password).catch(() => false))) continue;
    const token = randomBytes(32).toString("base64url");
    await db
      .insertInto("sessions")
      .values({
        workspace_id: u.workspace_id,
        id: newId(),
        token_hash: hashToken(token),
        user_id: u.id,
        expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
      })
      .execute();
    return { token };
  }
  return undefined;
}

export async function findSession(
  db: Db,
  token: string,
): Promise<(SessionInfo & { actor: Actor }) | undefined> {
  const r = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", (j) =>
      j.onRef("u.workspace_id", "=", "s.workspace_id").onRef("u.id", "=", "s.user_id"),
    )
    .innerJoin("workspaces as w", "w.id", "s.workspace_id")
    .select([
      "u.id as user_id",
      "u.email",
      "u.name",
      "u.role",
      "w.id as workspace_id",
      "w.name as workspace_name",
      "w.default_locale",
      "w.time_zone",
    ])
    .where("s.token_hash", "=", hashToken(token))
    .where("s.expires_at", ">", new Date())
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    actor: { kind: "user", id: r.user_id, workspaceId: r.workspace_id, role: r.role },
    user: { id: r.user_id, email: r.email, name: r.name, role: r.role },
    workspace: {
      id: r.workspace_id,
      name: r.workspace_name,
      defaultLocale: r.default_locale,
      timeZone: r.time_zone,
    },
  };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
}

/** Signs a user out everywhere, except (when given) the session with this token. */
export async function endUserSessions(
  db: Db,
  workspaceId: string,
  userId: string,
  exceptToken?: string,
): Promise<void> {
  let q = db.deleteFrom("sessions").where("workspace_id", "=", workspaceId).where("user_id", "=", userId);
  if (exceptToken !== undefined) q = q.where("token_hash", "<>", hashToken(exceptToken));
  await q.execute();
}
