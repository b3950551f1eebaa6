// How an actor is named where its work is shown (a note's author): a user's name or email, or the API key.
import type { Db } from "../../db/open.ts";
import type { Actor } from "./actor.ts";

export async function actorName(db: Db, actor: Actor): Promise<string> {
  if (actor.kind === "user") {
    const user = await db
      .selectFrom("users")
      .select(["name", "email"])
      .where("id", "=", actor.id)
      .executeTakeFirst();
    return user ? user.name.trim() || user.email : "deleted user";
  }
  const key = await db
    .selectFrom("api_keys")
    .select(["name", "prefix"])
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", actor.id)
    .executeTakeFirst();
  return `API key ${key?.name.trim() || key?.prefix || actor.id}`;
}
