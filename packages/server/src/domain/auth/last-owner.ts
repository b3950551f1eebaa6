// The rule that a workspace always keeps at least one owner membership, someone who can manage its keys
// and users.
import type { Db } from "../../db/open.ts";
import { ConflictError, NotFoundError } from "../errors.ts";

/**
 * Call inside the transaction that demotes or removes the member. One statement locks the member's
 * membership and every owner's, in user order (so concurrent calls cannot deadlock), and reads them after
 * any change in flight commits: two owners demoting each other, or a member being promoted while being
 * demoted, cannot leave the workspace without an owner.
 */
export async function ensureOwnerRemains(
  tx: Db,
  workspaceId: string,
  userId: string,
  change: "demote" | "delete",
): Promise<void> {
  const rows = await tx
    .selectFrom("memberships")
    .select(["user_id", "role"])
    .where("workspace_id", "=", workspaceId)
    .where((w) => w.or([w("role", "=", "owner"), w("user_id", "=", userId)]))
    .orderBy("user_id")
    .forUpdate()
    .execute();
  const member = rows.find((r) => r.user_id === userId);
  if (!member) throw new NotFoundError(`user ${userId} not found`);
  if (member.role !== "owner") return;
  if (rows.filter((r) => r.role === "owner").length <= 1)
    throw new ConflictError(
      `a workspace must keep at least one owner: make another user an owner before you ${change} this one`,
    );
}
