import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/open.ts";
import type { Role } from "../../db/schema.ts";
import { newId } from "../ids.ts";
import type { Actor } from "./actor.ts";

// API keys are random and long, so a fast hash is enough (passwords use argon2).
const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export interface CreatedApiKey {
  id: string;
  key: string;
  role: Role;
}

export async function createApiKey(
  db: Db,
  workspaceId: string,
  opts: { role: Role; name?: string; key?: string },
): Promise<CreatedApiKey> {
  const key = opts.key ?? `koe_${randomBytes(24).toString("base64url")}`;
  const id = newId();
  await db
    .insertInto("api_keys")
    .values({
      workspace_id: workspaceId,
      id,
      name: opts.name ?? "",
      key_hash: hashKey(key),
      prefix: key.slice(0, 8),
      role: opts.role,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, key, role: opts.role };
}

/** KOE_BOOTSTRAP_API_KEY: make sure this exact key exists as an owner key of the workspace. */
export async function ensureApiKey(db: Db, workspaceId: string, key: string): Promise<void> {
  const found = await db
    .selectFrom("api_keys")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("key_hash", "=", hashKey(key))
    .executeTakeFirst();
  if (!found) await createApiKey(db, workspaceId, { role: "owner", name: "bootstrap", key });
}

export async function authenticateApiKey(db: Db, key: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom("api_keys")
    .select(["id", "workspace_id", "role"])
    .where("key_hash", "=", hashKey(key))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row && { kind: "api_key", id: row.id, workspaceId: row.workspace_id, role: row.role };
}
