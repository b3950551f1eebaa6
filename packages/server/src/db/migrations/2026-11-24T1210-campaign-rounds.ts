// Recurring campaigns: a campaign's round, when it expands next and when it was launched.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Where a campaign's audience expansion stands: its round (a recurring campaign runs one per period)
// and the last contact id queued in that round, so an interrupted expansion resumes where it stopped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table campaigns add column round integer not null default 0;
    alter table campaigns add column expand_after uuid;
    alter table campaigns add column expanded boolean not null default false;
    alter table campaigns add column launched_at timestamptz;
    `,
  );
}
