// The rollup change-note triggers fire always, also under session_replication_role = replica (the import).
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// The import copies rows with session_replication_role = replica, which skips the foreign-key checks it
// has made itself (copy-responses.ts), and with them every ordinary trigger: the change notes must fire
// anyway, or the attribute and send rollups would miss the imported days.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `alter table responses enable always trigger responses_inserted_note;
     alter table responses enable always trigger responses_updated_note;
     alter table responses enable always trigger responses_deleted_note;`,
  );
}
