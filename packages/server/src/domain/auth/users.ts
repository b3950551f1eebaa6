import { hash } from "@node-rs/argon2";
import type { Db } from "../../db/open.ts";
import type { Role, UserTable } from "../../db/schema.ts";
import type { Selectable } from "kysely";
import { isUniqueViolation } from "../../db/errors.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { Page } from "../fields.ts";
import { newId } from "../ids.ts";
import { decodeIdCursor, toPage } from "../paging.ts";
import { changesNothing } from "../patch.ts";
import type { User, UserPatch } from "./access-schema.ts";
import { ensureOwnerRemains } from "./last-owner.ts";
import { endUserSessions } from "./sessions.ts";

const columns = ["id", "email", "name", "role", "created_at"] as const;
type UserRow = Pick<Selectable<UserTable>, (typeof columns)[number]>;

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  createdAt: r.created_at.toISOString(),
});

export async function createUser(
  db: Db,
  workspaceId: string,
  input: { email: string; password: string; role: Role; name?: string },
): Promise<User> {
  const email = input.email.toLowerCase();
  const row = await db
    .insertInto("users")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      email,
      name: input.name ?? "",
      password_hash: await hash(input.password),
      role: input.role,
    })
    .returning(columns)
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => {
      if (isUniqueViolation(e)) throw new ConflictError(`a user with email ${email} already exists`);
      throw e;
    });
  return toUser(row);
}

/** KOE_ADMIN_EMAIL / KOE_ADMIN_PASSWORD: create that owner once; an existing user is left as is. */
export async function ensureAdmin(
  db: Db,
  workspaceId: string,
  email: string,
  password: string,
): Promise<void> {
  const found = await db
    .selectFrom("users")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  if (found) return;
  // Processes starting together on one database may race here: the loser finds the winner's user.
  await createUser(db, workspaceId, { email, password, role: "owner", name: "Admin" }).catch((e: unknown) => {
    if (!(e instanceof ConflictError)) throw e;
  });
}

export async function listUsers(
  db: Db,
  workspaceId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<User>> {
  const after = decodeIdCursor(page.cursor);
  let q = db.selectFrom("users").select(columns).where("workspace_id", "=", workspaceId);
  if (after) q = q.where("id", "<", after);
  const rows = await q
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, toUser, (r) => r.id);
}

export async function getUser(db: Db, workspaceId: string, id: string): Promise<User> {
  const row = await db
    .selectFrom("users")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`user ${id} not found`);
  return toUser(row);
}

/**
 * A new role applies on the user's next request. A new password ends the user's sessions, except the one
 * making the change (keepSessionToken), so someone who learnt the old password is signed out.
 */
export async function updateUser(
  db: Db,
  workspaceId: string,
  id: string,
  patch: UserPatch,
  keepSessionToken?: string,
): Promise<User> {
  if (changesNothing(patch)) return getUser(db, workspaceId, id);
  const passwordHash = patch.password === undefined ? undefined : await hash(patch.password);
  return db.transaction().execute(async (tx) => {
    if (patch.role !== undefined && patch.role !== "owner")
      await ensureOwnerRemains(tx, workspaceId, id, "demote");
    const row = await tx
      .updateTable("users")
      .set({ name: patch.name, role: patch.role, password_hash: passwordHash })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .returning(columns)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`user ${id} not found`);
    if (passwordHash) await endUserSessions(tx, workspaceId, id, keepSessionToken);
    return toUser(row);
  });
}

/** The user's sessions end with them (and their notes keep the author's name). */
export async function deleteUser(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await ensureOwnerRemains(tx, workspaceId, id, "delete");
    await endUserSessions(tx, workspaceId, id);
    const result = await tx
      .deleteFrom("users")
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new NotFoundError(`user ${id} not found`);
  });
}
