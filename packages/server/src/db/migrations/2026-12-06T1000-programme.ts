// What the admin app needs to run a programme: a contact's phone and tags, archived touchpoints, and the
// audit log of privacy requests and other changes a workspace must be able to account for.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table contacts add column phone text check (phone is null or char_length(phone) between 1 and 40);
    alter table contacts add column tags jsonb not null default '[]' check (jsonb_typeof(tags) = 'array');
    create index contacts_by_tag on contacts using gin (tags);
    -- An archived touchpoint keeps its answers and reports but takes no new campaigns or triggers.
    alter table touchpoints add column archived_at timestamptz;
    create table audit_log (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      at timestamptz not null,
      actor_kind text not null check (actor_kind in ('user', 'api_key', 'cli', 'system')),
      actor_id text,
      actor_name text not null default '',
      action text not null check (char_length(action) between 1 and 100),
      subject_type text not null,
      subject_id text,
      details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
      primary key (workspace_id, id)
    );
    create index audit_log_by_time on audit_log (workspace_id, at desc, id desc);
  `,
  );
}
