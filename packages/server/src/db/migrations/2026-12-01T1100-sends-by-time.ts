// An index for reading sends in time order (the contact timeline, campaign progress).
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// The response rate counts a period's sends: find them by time rather than reading every send.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `create index sends_by_time on sends (workspace_id, created_at);`);
}
