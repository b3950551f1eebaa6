// Runs a migration's SQL text statement by statement (PGlite's protocol takes one per call).
import { sql, type Kysely } from "kysely";

/** Runs a migration's SQL one statement at a time (the embedded database's protocol takes one per call). */
export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .replace(/--[^\n]*/g, "")
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
