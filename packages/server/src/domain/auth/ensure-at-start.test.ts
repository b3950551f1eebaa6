// KOE_BOOTSTRAP_API_KEY and KOE_ADMIN_EMAIL are ensured by every process at start; processes starting
// together on one database must all start, with one key and one user between them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWorkspace, openTestDatabase } from "../../../test/database.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { authenticateApiKey, ensureApiKey } from "./api-keys.ts";
import { ensureDefaultWorkspace } from "../workspaces/workspaces.ts";
import { ensureAdmin } from "./users.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

describe("ensuring the bootstrap key and admin at start", () => {
  it("lets processes starting at once all succeed, with one key between them", async () => {
    const ws = await newWorkspace(open.db);
    const key = `bootstrap-${ws}`;
    await Promise.all([1, 2, 3].map(() => ensureApiKey(open.db, ws, key)));
    expect(await authenticateApiKey(open.db, key, new Date())).toMatchObject({
      workspaceId: ws,
      role: "owner",
    });
    const keys = await open.db.selectFrom("api_keys").select("id").where("workspace_id", "=", ws).execute();
    expect(keys).toHaveLength(1);
  });

  it("lets processes starting at once all succeed, with one admin between them", async () => {
    const email = `owner-${randomUUID()}@example.com`;
    await Promise.all([1, 2].map(() => ensureAdmin(open.db, email, "correct horse")));
    const users = await open.db
      .selectFrom("users")
      .select(["id", "is_instance_owner"])
      .where("email", "=", email)
      .execute();
    expect(users).toEqual([{ id: expect.any(String), is_instance_owner: true }]);
    // The instance owner is an owner of the default workspace (where the bootstrap key goes).
    const defaultId = await ensureDefaultWorkspace(open.db);
    const membership = await open.db
      .selectFrom("memberships")
      .select("role")
      .where("workspace_id", "=", defaultId)
      .where("user_id", "=", users[0]!.id)
      .executeTakeFirst();
    expect(membership).toEqual({ role: "owner" });
  });
});
