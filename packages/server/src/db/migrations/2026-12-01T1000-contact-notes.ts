// Notes on a contact, written by users, shown on the contact's timeline.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Notes a team writes on a contact. The author's name is kept as written, so a note still reads right after
// its author is deleted (author_user_id then becomes null); deleting the contact deletes its notes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table contact_notes (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      contact_id uuid not null,
      author_user_id uuid,
      author_name text not null check (length(author_name) <= 400),
      body text not null check (length(body) between 1 and 5000),
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
      foreign key (workspace_id, author_user_id) references users (workspace_id, id)
        on delete set null (author_user_id)
    );
    create index contact_notes_by_contact on contact_notes (workspace_id, contact_id, created_at desc);
    `,
  );
}
