// The rule that a workspace always keeps at least one owner, who can manage its keys and users.
import type { Db } from "../../db/open.ts";
import { ConflictError, NotFoundError } from "../errors.ts";

/**
 * Call inside the transaction that demotes or deletes the user. It locks every owner's row (in id order,
 * so concurrent calls cannot deadlock), so two owners demoting each other at once cannot both succeed.
 */
export async function ensureOwnerRemains(
  tx: Db,
  workspaceId: string,
  userId: string,
  change: "demote" | "delete",
): Promise<void> {
  const user = await tx
    .selectFrom("users")
    .select("role")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw new NotFoundError(`user ${userId} not found`);
  if (user.role !== "owner") return;
  const owners = await tx
    .selectFrom("users")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "owner")
    .orderBy("id")
    .forUpdate()
    .execute();
  if (owners.some((o) => o.id === userId) && owners.length <= 1)
    throw new ConflictError(
      `a workspace must keep at least one owner: make another user an owner before you ${change} this one`,
    );
}
