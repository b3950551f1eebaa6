// Applies the migrations in migrations/index.ts, in order, each once; forward only.
import { Migrator, sql, type Kysely } from "kysely";
import { migrations } from "./migrations/index.ts";

/** Whether every known migration is recorded: one read, where the migrator would create and lock tables. */
async function isUpToDate(db: Kysely<unknown>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from koe_migrations`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => applied.has(name));
  } catch {
    return false; // a new database: no table yet
  }
}

/** Applies pending migrations; returns the names applied. Throws on the first failure. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  if (await isUpToDate(db)) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "koe_migrations",
    migrationLockTableName: "koe_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
