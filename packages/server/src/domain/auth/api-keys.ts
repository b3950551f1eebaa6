import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { isUniqueViolation } from "../../db/errors.ts";
import type { Db } from "../../db/open.ts";
import type { Role } from "../../db/schema.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { Page } from "../fields.ts";
import { newId } from "../ids.ts";
import { decodeIdCursor, toPage } from "../paging.ts";
import type { ApiKey, CreatedApiKey } from "./access-schema.ts";
import type { Actor } from "./actor.ts";

// API keys are random and long, so a fast hash is enough (passwords use argon2).
const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** lastUsedAt is kept to the minute, so a busy key does not write on every request. */
const LAST_USED_STEP_MS = 60_000;

export type { CreatedApiKey };

export async function createApiKey(
  db: Db,
  workspaceId: string,
  opts: { role: Role; name?: string; key?: string },
): Promise<CreatedApiKey> {
  const key = opts.key ?? `koe_${randomBytes(24).toString("base64url")}`;
  const row = await db
    .insertInto("api_keys")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      name: opts.name ?? "",
      key_hash: hashKey(key),
      prefix: key.slice(0, 8),
      role: opts.role,
      last_used_at: null,
      revoked_at: null,
    })
    .returning(["id", "name", "role", "prefix", "created_at"])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    key,
  };
}

/** KOE_BOOTSTRAP_API_KEY: make sure this exact key exists as an owner key of the workspace. */
export async function ensureApiKey(db: Db, workspaceId: string, key: string): Promise<void> {
  const found = await db
    .selectFrom("api_keys")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("key_hash", "=", hashKey(key))
    .executeTakeFirst();
  if (found) return;
  // Processes starting together on one database may race here: the loser finds the winner's key.
  await createApiKey(db, workspaceId, { role: "owner", name: "bootstrap", key }).catch((e: unknown) => {
    if (!isUniqueViolation(e)) throw e;
  });
}

/** The caller behind a key, unless unknown or revoked; `now` (the clock's) dates its use. */
export async function authenticateApiKey(db: Db, key: string, now: Date): Promise<Actor | undefined> {
  const row = await db
    .selectFrom("api_keys")
    .select(["id", "workspace_id", "role", "last_used_at"])
    .where("key_hash", "=", hashKey(key))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_STEP_MS) {
    await db
      .updateTable("api_keys")
      .set({ last_used_at: now })
      .where("workspace_id", "=", row.workspace_id)
      .where("id", "=", row.id)
      .execute();
  }
  return { kind: "api_key", id: row.id, workspaceId: row.workspace_id, role: row.role };
}

/** Every key of the workspace, revoked ones too, newest first. */
export async function listApiKeys(
  db: Db,
  workspaceId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ApiKey>> {
  const after = decodeIdCursor(page.cursor);
  let q = db
    .selectFrom("api_keys")
    .select(["id", "name", "role", "prefix", "created_at", "last_used_at", "revoked_at"])
    .where("workspace_id", "=", workspaceId);
  if (after) q = q.where("id", "<", after);
  const rows = await q
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const toApiKey = (r: (typeof rows)[number]): ApiKey => ({
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  });
  return toPage(rows, page.limit, toApiKey, (r) => r.id);
}

/** Revoking takes effect on the key's next request; revoking a revoked key keeps its first revocation time. */
export async function revokeApiKey(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  if (actor.kind === "api_key" && actor.id === id)
    throw new ConflictError(
      "this is the API key you are calling with; revoke it with another key or from the admin app",
    );
  const row = await db
    .updateTable("api_keys")
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, ${now})` })
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`API key ${id} not found`);
}
