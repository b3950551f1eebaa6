// Admin sessions: only a hash of each session token is stored.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Admin app sign-ins. The cookie holds a random token; only its hash is stored, like API keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table sessions (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      token_hash text not null,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (workspace_id, id),
      foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
    );
    create index sessions_by_token on sessions (token_hash);
    `,
  );
}
