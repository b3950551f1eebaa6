// What the process ensures at start: migrations, the default workspace, bootstrap key and admin, demo.
import type { Kysely } from "kysely";
import type { Config } from "./config.ts";
import type { Db } from "./db/open.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { ensureApiKey } from "./domain/auth/api-keys.ts";
import { ensureAdmin } from "./domain/auth/users.ts";
import type { EventBus } from "./domain/events/bus.ts";
import { createWorkspace, ensureDefaultWorkspace } from "./domain/workspaces/workspaces.ts";
import { seedDemo } from "./demo/seed-demo.ts";
import { log } from "./log.ts";

export async function bootstrap(
  db: Db,
  events: EventBus,
  config: Config,
  opts: { demo: boolean },
): Promise<{ workspaceId: string }> {
  const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
  if (applied.length) log.info(`applied migrations: ${applied.join(", ")}`);
  const workspaceId = await ensureDefaultWorkspace(db);
  if (config.bootstrapApiKey) await ensureApiKey(db, workspaceId, config.bootstrapApiKey);
  if (config.adminEmail && config.adminPassword) {
    await ensureAdmin(db, workspaceId, config.adminEmail, config.adminPassword);
  }
  if (opts.demo && (await isEmpty(db))) await seedDemoWorkspaces(db, events, workspaceId);
  return { workspaceId };
}

/** "Empty" means no survey anywhere: the demo never lands on top of real data. */
async function isEmpty(db: Db): Promise<boolean> {
  return !(await db.selectFrom("surveys").select("id").limit(1).executeTakeFirst());
}

/** The Japanese demo fills the default workspace (if it has no surveys); an English one gets its own. */
export async function seedDemoWorkspaces(
  db: Db,
  events: EventBus,
  defaultWorkspaceId: string,
): Promise<void> {
  const started = Date.now();
  const hasSurveys = await db
    .selectFrom("surveys")
    .select("id")
    .where("workspace_id", "=", defaultWorkspaceId)
    .limit(1)
    .executeTakeFirst();
  const jaWorkspace = hasSurveys
    ? await createWorkspace(db, {
        name: "ハルカゼ ワークス（デモ）",
        defaultLocale: "ja",
        timeZone: "Asia/Tokyo",
      })
    : defaultWorkspaceId;
  if (!hasSurveys) {
    await db
      .updateTable("workspaces")
      .set({ name: "ハルカゼ ワークス（デモ）" })
      .where("id", "=", jaWorkspace)
      .execute();
  }
  const ja = await seedDemo(db, events, { workspaceId: jaWorkspace, locale: "ja" });
  const enWorkspace = await createWorkspace(db, {
    name: "Northwind Cloud (demo)",
    defaultLocale: "en",
    timeZone: "America/New_York",
  });
  const en = await seedDemo(db, events, { workspaceId: enWorkspace, locale: "en" });
  log.info(
    `seeded the demo: ${ja.responses} responses (ja, workspace ${jaWorkspace}) and ${en.responses} (en, workspace ${enWorkspace}) in ${Date.now() - started} ms`,
  );
}
