// Accounts become the installation's (one per email) with a membership and role per workspace; instance
// owners; sessions in a switchable workspace; demo workspaces flagged.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Accounts become the installation's and workspaces are joined through memberships: one account per email
// (duplicates merged, the oldest account and its password kept), a role per workspace, an instance-owner
// flag (who may create, rename and delete workspaces), sessions in one workspace of their user's
// (switchable), demo workspaces flagged. API keys stay in one workspace each. That a workspace keeps an
// owner membership is checked where roles change (domain/auth/last-owner.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table workspaces add column is_demo boolean not null default false;
    alter table workspaces add constraint workspaces_default_is_no_demo check (not (is_default and is_demo));
    update workspaces set is_demo = true
      where not is_default and name in ('ハルカゼ ワークス（デモ）', 'Northwind Cloud (demo)');

    create table memberships (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      user_id uuid not null,
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      created_at timestamptz not null default now(),
      primary key (workspace_id, user_id)
    );
    create index memberships_by_user on memberships (user_id);

    create table users_kept as
      select distinct on (email) email, id as kept_id from users order by email, created_at, id;
    insert into memberships (workspace_id, user_id, role, created_at)
      select u.workspace_id, k.kept_id, u.role, u.created_at from users u join users_kept k on k.email = u.email;

    alter table sessions drop constraint sessions_workspace_id_user_id_fkey;
    alter table contact_notes drop constraint contact_notes_workspace_id_author_user_id_fkey;
    update sessions s set user_id = k.kept_id from users u join users_kept k on k.email = u.email
      where s.workspace_id = u.workspace_id and s.user_id = u.id and u.id <> k.kept_id;
    update contact_notes n set author_user_id = k.kept_id from users u join users_kept k on k.email = u.email
      where n.workspace_id = u.workspace_id and n.author_user_id = u.id and u.id <> k.kept_id;
    delete from users u using users_kept k where u.email = k.email and u.id <> k.kept_id;
    drop table users_kept;

    alter table users drop constraint users_pkey;
    alter table users drop constraint users_workspace_id_email_key;
    alter table users drop column workspace_id;
    alter table users drop column role;
    alter table users add primary key (id);
    alter table users add constraint users_one_per_email unique (email);
    alter table users add column is_instance_owner boolean not null default false;
    alter table users add column last_workspace_id uuid references workspaces (id) on delete set null;
    alter table memberships add foreign key (user_id) references users (id) on delete cascade;

    update users set is_instance_owner = true where id in (
      select m.user_id from memberships m join workspaces w on w.id = m.workspace_id
      where w.is_default and m.role = 'owner');
    update users set is_instance_owner = true
      where not exists (select 1 from users where is_instance_owner)
        and id = (select user_id from memberships where role = 'owner' order by created_at, user_id limit 1);

    alter table sessions drop constraint sessions_pkey;
    alter table sessions add primary key (id);
    alter table sessions add foreign key (workspace_id, user_id)
      references memberships (workspace_id, user_id) on delete cascade;
    create index sessions_by_user on sessions (user_id);

    alter table contact_notes add foreign key (author_user_id) references users (id) on delete set null;

    create table instance_flags (
      name text primary key,
      set_at timestamptz not null default now()
    );
    `,
  );
}
