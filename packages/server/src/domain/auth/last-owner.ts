// The rule that a workspace always keeps at least one owner, who can manage its keys and users.
import type { Db } from "../../db/open.ts";
import { ConflictError, NotFoundError } from "../errors.ts";

/**
 * Call inside the transaction that demotes or deletes the user. One statement locks the user's row and
 * every owner's row, in id order (so concurrent calls cannot deadlock), and reads them after any change
 * in flight commits: two owners demoting each other, or a user being promoted while being demoted, cannot
 * leave the workspace without an owner.
 */
export async function ensureOwnerRemains(
  tx: Db,
  workspaceId: string,
  userId: string,
  change: "demote" | "delete",
): Promise<void> {
  const rows = await tx
    .selectFrom("users")
    .select(["id", "role"])
    .where("workspace_id", "=", workspaceId)
    .where((w) => w.or([w("role", "=", "owner"), w("id", "=", userId)]))
    .orderBy("id")
    .forUpdate()
    .execute();
  const user = rows.find((r) => r.id === userId);
  if (!user) throw new NotFoundError(`user ${userId} not found`);
  if (user.role !== "owner") return;
  if (rows.filter((r) => r.role === "owner").length <= 1)
    throw new ConflictError(
      `a workspace must keep at least one owner: make another user an owner before you ${change} this one`,
    );
}
