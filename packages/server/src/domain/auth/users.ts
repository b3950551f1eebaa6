// A workspace's users: accounts of the installation (one per email, argon2 password) joined to the
// workspace by a membership with a role. Adding an email that already has an account adds a membership.
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { Role } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { Page } from "../fields.ts";
import { newId } from "../ids.ts";
import { decodeIdCursor, toPage } from "../paging.ts";
import { changesNothing } from "../patch.ts";
import { ensureDefaultWorkspace } from "../workspaces/workspaces.ts";
import type { AddedUser, User, UserPatch } from "./access-schema.ts";
import type { Actor } from "./actor.ts";
import { ensureOwnerRemains } from "./last-owner.ts";
import { endUserSessions } from "./sessions.ts";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
}

/** In the caller's transaction when there is one (Kysely does not nest them). */
const inTransaction = <T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  createdAt: r.created_at.toISOString(),
});

/** The workspace's members as users: the account's name and email, the membership's role and date. */
const members = (db: Db, workspaceId: string) =>
  db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.email", "u.name", "m.role", "m.created_at"])
    .where("m.workspace_id", "=", workspaceId);

export type { AddedUser };

/**
 * Adds the person with this email to the workspace with a role. A new email becomes an account with the
 * given password (required then). An email that has an account gets a membership only when an instance
 * owner adds it (`joinExisting`), and the account's password and name stay its own: a workspace owner who
 * could attach any account would let whoever made that account (another workspace's owner, who chose its
 * password) sign in to this workspace.
 */
export async function addUser(
  db: Db,
  workspaceId: string,
  input: { email: string; password?: string | undefined; role: Role; name?: string | undefined },
  opts: { joinExisting: boolean } = { joinExisting: false },
): Promise<AddedUser> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password === undefined ? undefined : await hash(input.password);
  const add = () =>
    db.transaction().execute(async (tx) => {
      let account = await tx
        .selectFrom("users")
        .select("id")
        .where("email", "=", email)
        .forUpdate()
        .executeTakeFirst();
      const existingAccount = account !== undefined;
      if (existingAccount && !opts.joinExisting) {
        throw new ConflictError(
          `${email} already has an account on this installation; an instance owner can add it to this workspace`,
        );
      }
      if (!account) {
        if (passwordHash === undefined)
          throw new ValidationError([
            { path: "password", message: "a new account needs a password (8 characters or more)" },
          ]);
        account = await tx
          .insertInto("users")
          .values({ id: newId(), email, name: input.name ?? "", password_hash: passwordHash })
          .returning("id")
          .executeTakeFirstOrThrow();
      }
      const joined = await tx
        .insertInto("memberships")
        .values({ workspace_id: workspaceId, user_id: account.id, role: input.role })
        .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doNothing())
        .returning("user_id")
        .executeTakeFirst();
      if (!joined) throw new ConflictError(`a user with email ${email} is already in this workspace`);
      const row = await members(tx, workspaceId).where("u.id", "=", account.id).executeTakeFirstOrThrow();
      return { ...toUser(row), existingAccount };
    });
  // Two additions of one new email at once: the loser's account insert fails; once more, it finds the account.
  return add().catch((e: unknown) => {
    if (isUniqueViolation(e)) return add();
    throw e;
  });
}

/** The same as addUser, for callers that create the person with a password (tests, the CLI). */
export async function createUser(
  db: Db,
  workspaceId: string,
  input: { email: string; password: string; role: Role; name?: string },
): Promise<User> {
  const { existingAccount: _, ...user } = await addUser(db, workspaceId, input);
  return user;
}

/** Workspaces an instance owner joins as owner when made at start: the default one and the demos. */
const startingWorkspaces = (db: Db) =>
  db
    .selectFrom("workspaces")
    .select("id")
    .where((w) => w.or([w("is_default", "=", true), w("is_demo", "=", true)]))
    .orderBy("id")
    .execute();

/**
 * An instance owner (the first owner, KOE_ADMIN_EMAIL, `koe admin create`): a new account, owner of the
 * default workspace and of the demo workspaces. 409 when the email has an account.
 */
export async function createInstanceOwner(
  db: Db,
  input: { email: string; password: string; name?: string },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hash(input.password);
  return inTransaction(db, async (tx) => {
    const id = newId();
    await tx
      .insertInto("users")
      .values({ id, email, name: input.name ?? "", password_hash: passwordHash, is_instance_owner: true })
      .execute()
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new ConflictError(`a user with email ${email} already exists`);
        throw e;
      });
    const defaultId = await ensureDefaultWorkspace(tx);
    const workspaces = await startingWorkspaces(tx);
    await tx
      .insertInto("memberships")
      .values(workspaces.map((w) => ({ workspace_id: w.id, user_id: id, role: "owner" as const })))
      .execute();
    return toUser(await members(tx, defaultId).where("u.id", "=", id).executeTakeFirstOrThrow());
  });
}

/** KOE_ADMIN_EMAIL / KOE_ADMIN_PASSWORD: create that instance owner once; an existing account is left as is. */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<void> {
  const found = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  if (found) return;
  // Processes starting together on one database may race here: the loser finds the winner's user.
  await createInstanceOwner(db, { email, password, name: "Admin" }).catch((e: unknown) => {
    if (!(e instanceof ConflictError)) throw e;
  });
}

export async function listUsers(
  db: Db,
  workspaceId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<User>> {
  const after = decodeIdCursor(page.cursor);
  let q = members(db, workspaceId);
  if (after) q = q.where("u.id", "<", after);
  const rows = await q
    .orderBy("u.id", "desc")
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, toUser, (r) => r.id);
}

export async function getUser(db: Db, workspaceId: string, id: string): Promise<User> {
  const row = await members(db, workspaceId).where("u.id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`user ${id} not found`);
  return toUser(row);
}

/**
 * A new role (this workspace's) applies on the user's next request. The name and password are the
 * account's: an owner changes them only for someone who belongs to no other workspace (or themselves; an
 * instance owner for anyone). A new password ends the user's sessions, except the one making the change
 * (keepSessionToken), so someone who learnt the old password is signed out.
 */
export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  patch: UserPatch,
  keepSessionToken?: string,
): Promise<User> {
  const workspaceId = actor.workspaceId;
  if (changesNothing(patch)) return getUser(db, workspaceId, id);
  const passwordHash = patch.password === undefined ? undefined : await hash(patch.password);
  return db.transaction().execute(async (tx) => {
    if (patch.role !== undefined && patch.role !== "owner")
      await ensureOwnerRemains(tx, workspaceId, id, "demote");
    if (patch.role !== undefined) {
      const changed = await tx
        .updateTable("memberships")
        .set({ role: patch.role })
        .where("workspace_id", "=", workspaceId)
        .where("user_id", "=", id)
        .executeTakeFirst();
      if (changed.numUpdatedRows === 0n) throw new NotFoundError(`user ${id} not found`);
    }
    if (patch.name !== undefined || passwordHash !== undefined) {
      await getUser(tx, workspaceId, id);
      const self = actor.kind === "user" && actor.id === id;
      if (!self && !actor.instanceOwner) {
        const elsewhere = await tx
          .selectFrom("memberships")
          .select("workspace_id")
          .where("user_id", "=", id)
          .where("workspace_id", "<>", workspaceId)
          .limit(1)
          .executeTakeFirst();
        if (elsewhere)
          throw new ForbiddenError(
            "this person also belongs to other workspaces: only they (or an instance owner) change their name or password",
          );
      }
      await tx
        .updateTable("users")
        .set({ name: patch.name, password_hash: passwordHash })
        .where("id", "=", id)
        .execute();
    }
    if (passwordHash) await endUserSessions(tx, id, keepSessionToken);
    return getUser(tx, workspaceId, id);
  });
}

/**
 * Removes the user from the workspace; their sessions in it end. An account left in no workspace goes too
 * (an instance owner's stays), and its notes keep the author's name.
 */
export async function deleteUser(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await ensureOwnerRemains(tx, workspaceId, id, "delete");
    const result = await tx
      .deleteFrom("memberships")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", id)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new NotFoundError(`user ${id} not found`);
    await deleteAccountsWithoutWorkspace(tx, [id]);
  });
}

/** Of these accounts, deletes those in no workspace any more (not instance owners); sessions go with them. */
export async function deleteAccountsWithoutWorkspace(tx: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .deleteFrom("users")
    .where("id", "in", ids)
    .where("is_instance_owner", "=", false)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("memberships as m").select(sql.lit(1).as("one")).whereRef("m.user_id", "=", "users.id"),
        ),
      ),
    )
    .execute();
}
