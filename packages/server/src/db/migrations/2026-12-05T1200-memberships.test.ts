// The memberships migration on a database that had one user per workspace: the same email in two
// workspaces becomes one account (the oldest, with its password), a membership in each with its role,
// its sessions and notes kept; the default workspace's owners become instance owners; demos are flagged.
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { openEmbedded, openPostgres, type OpenDatabase } from "../open.ts";
import { migrations } from "./index.ts";

/** An empty database of the test's own (nothing migrated). */
async function emptyDatabase(): Promise<OpenDatabase> {
  const base = inject("testDatabaseUrl");
  if (!base) return openEmbedded();
  const name = `koe_memberships_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const open = await openPostgres(url.toString(), 2);
  return {
    ...open,
    close: () => open.close().then(() => admin(`drop database if exists ${name} with (force)`)),
  };
}

const ids = {
  def: "01900000-0000-7000-8000-000000000001",
  other: "01900000-0000-7000-8000-000000000002",
  demo: "01900000-0000-7000-8000-000000000003",
  hanakoOld: "01900000-0000-7000-8000-0000000000a1",
  hanakoNew: "01900000-0000-7000-8000-0000000000a2",
  taro: "01900000-0000-7000-8000-0000000000b1",
  contact: "01900000-0000-7000-8000-0000000000c1",
};

describe("the memberships migration", () => {
  it("merges accounts by email keeping the oldest password, and keeps roles, sessions and notes", async () => {
    const open = await emptyDatabase();
    const db = open.db as unknown as Kysely<unknown>;
    try {
      const names = Object.keys(migrations).sort();
      const target = names.indexOf("2026-12-05T1200-memberships");
      for (const name of names.slice(0, target)) await migrations[name]!.up(db);
      await sql`
        insert into workspaces (id, name, is_default) values
          (${ids.def}, 'Koe', true), (${ids.other}, 'Other', false),
          (${ids.demo}, 'Northwind Cloud (demo)', false)`.execute(db);
      await sql`
        insert into users (workspace_id, id, email, name, password_hash, role, created_at) values
          (${ids.def}, ${ids.hanakoOld}, 'hanako@example.jp', '花子', 'old-hash', 'owner', '2026-01-01'),
          (${ids.other}, ${ids.hanakoNew}, 'hanako@example.jp', 'Hanako', 'new-hash', 'viewer', '2026-06-01'),
          (${ids.other}, ${ids.taro}, 'taro@example.jp', '太郎', 'taro-hash', 'owner', '2026-02-01')`.execute(
        db,
      );
      await sql`
        insert into sessions (workspace_id, id, token_hash, user_id, expires_at) values
          (${ids.other}, '01900000-0000-7000-8000-0000000000d1', 'h1', ${ids.hanakoNew}, now() + interval '1 day')`.execute(
        db,
      );
      await sql`insert into contacts (workspace_id, id, email) values (${ids.other}, ${ids.contact}, 'c@example.jp')`.execute(
        db,
      );
      await sql`
        insert into contact_notes (workspace_id, id, contact_id, author_user_id, author_name, body) values
          (${ids.other}, '01900000-0000-7000-8000-0000000000e1', ${ids.contact}, ${ids.hanakoNew}, 'Hanako', 'note')`.execute(
        db,
      );

      await migrations["2026-12-05T1200-memberships"]!.up(db);

      const users = await sql<{
        id: string;
        email: string;
        password_hash: string;
        is_instance_owner: boolean;
      }>`
        select id, email, password_hash, is_instance_owner from users order by email`.execute(db);
      expect(users.rows).toEqual([
        { id: ids.hanakoOld, email: "hanako@example.jp", password_hash: "old-hash", is_instance_owner: true },
        { id: ids.taro, email: "taro@example.jp", password_hash: "taro-hash", is_instance_owner: false },
      ]);
      const memberships = await sql<{ workspace_id: string; user_id: string; role: string }>`
        select workspace_id, user_id, role from memberships order by workspace_id, user_id`.execute(db);
      expect(memberships.rows).toEqual([
        { workspace_id: ids.def, user_id: ids.hanakoOld, role: "owner" },
        { workspace_id: ids.other, user_id: ids.hanakoOld, role: "viewer" },
        { workspace_id: ids.other, user_id: ids.taro, role: "owner" },
      ]);
      const session = await sql<{ user_id: string; workspace_id: string }>`
        select user_id, workspace_id from sessions`.execute(db);
      expect(session.rows).toEqual([{ user_id: ids.hanakoOld, workspace_id: ids.other }]);
      const note = await sql<{ author_user_id: string }>`select author_user_id from contact_notes`.execute(
        db,
      );
      expect(note.rows).toEqual([{ author_user_id: ids.hanakoOld }]);
      const flags = await sql<{ id: string; is_demo: boolean }>`
        select id, is_demo from workspaces order by id`.execute(db);
      expect(flags.rows.map((r) => r.is_demo)).toEqual([false, false, true]);

      // The constraints hold what the code relies on: one account per email, a session only in a
      // workspace its user belongs to, a default workspace never a demo.
      await expect(
        sql`insert into users (id, email, password_hash) values (gen_random_uuid(), 'taro@example.jp', 'x')`.execute(
          db,
        ),
      ).rejects.toThrow(/unique|duplicate/);
      await expect(
        sql`update sessions set workspace_id = ${ids.demo} where token_hash = 'h1'`.execute(db),
      ).rejects.toThrow(/foreign key/);
      await expect(
        sql`update workspaces set is_demo = true where id = ${ids.def}`.execute(db),
      ).rejects.toThrow(/check constraint/);
    } finally {
      await open.close();
    }
  });
});
