import { hash } from "@node-rs/argon2";
import type { Db } from "../../db/open.ts";
import type { Role } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { ConflictError } from "../errors.ts";
import { newId } from "../ids.ts";

export async function createUser(
  db: Db,
  workspaceId: string,
  input: { email: string; password: string; role: Role; name?: string },
): Promise<{ id: string; email: string }> {
  const id = newId();
  const email = input.email.toLowerCase();
  await db
    .insertInto("users")
    .values({
      workspace_id: workspaceId,
      id,
      email,
      name: input.name ?? "",
      password_hash: await hash(input.password),
      role: input.role,
    })
    .execute()
    .catch((e: unknown) => {
      if (isUniqueViolation(e)) throw new ConflictError(`a user with email ${email} already exists`);
      throw e;
    });
  return { id, email };
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
  if (!found) await createUser(db, workspaceId, { email, password, role: "owner", name: "Admin" });
}
