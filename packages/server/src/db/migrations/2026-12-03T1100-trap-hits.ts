// Trap-link follows with their time, so a no-script answer soon after one is refused.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// When a personal link's hidden trap link was followed (a person cannot see or reach it): a post from the
// page without scripting is refused when a scanner followed it around the time the page was served.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table trap_hits (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      send_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, send_id) references sends (workspace_id, id) on delete cascade
    );
    create index trap_hits_by_send on trap_hits (workspace_id, send_id, created_at);
  `,
  );
}
