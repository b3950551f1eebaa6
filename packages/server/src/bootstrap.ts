// What the process ensures at start: migrations, the signing secret, the default workspace, bootstrap key
// and admin, demo.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Config } from "./config.ts";
import type { Db } from "./db/open.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { ensureApiKey } from "./domain/auth/api-keys.ts";
import { ensureAdmin } from "./domain/auth/users.ts";
import { instanceSecret } from "./domain/instance/instance-secret.ts";
import { createWorkspace, ensureDefaultWorkspace } from "./domain/workspaces/workspaces.ts";
import { seedDemo } from "./demo/seed-demo.ts";
import { log } from "./log.ts";

export async function bootstrap(
  db: Db,
  config: Config,
  opts: { demo: boolean },
): Promise<{ workspaceId: string; secret: string }> {
  const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
  if (applied.length) log.info(`applied migrations: ${applied.join(", ")}`);
  const secret = await signingSecret(db, config);
  const workspaceId = await ensureDefaultWorkspace(db);
  if (config.bootstrapApiKey) await ensureApiKey(db, workspaceId, config.bootstrapApiKey);
  if (config.adminEmail && config.adminPassword) {
    await ensureAdmin(db, workspaceId, config.adminEmail, config.adminPassword);
  }
  if (opts.demo && (await isEmpty(db))) await seedDemoWorkspaces(db, workspaceId);
  return { workspaceId, secret };
}

/**
 * What signs personal links and form tokens: KOE_SECRET when set, else the secret in the database, the
 * same for every process on it. Until 2026-12 each process generated one into KOE_DATA_DIR/secret: the
 * first process to start with such a file makes it the database's, so links already sent keep working.
 */
export async function signingSecret(db: Db, config: Pick<Config, "secret" | "dataDir">): Promise<string> {
  if (config.secret) return config.secret;
  const file = join(config.dataDir, "secret");
  let kept: string | undefined;
  try {
    kept = readFileSync(file, "utf8").trim();
  } catch {
    // none: a new installation, or one that never ran before 2026-12
  }
  if (kept !== undefined && kept.length < 32) {
    log.warn(`${file} is shorter than 32 characters and is not used`);
    kept = undefined;
  }
  const secret = await instanceSecret(db, "signing", () => kept ?? randomBytes(32).toString("base64url"));
  if (kept !== undefined && kept !== secret)
    log.warn(
      `${file} differs from the secret in the database, which signs links now: links signed with the file no longer open`,
    );
  return secret;
}

/** "Empty" means no survey anywhere: the demo never lands on top of real data. */
async function isEmpty(db: Db): Promise<boolean> {
  return !(await db.selectFrom("surveys").select("id").limit(1).executeTakeFirst());
}

/** The Japanese demo fills the default workspace (if it has no surveys); an English one gets its own. */
export async function seedDemoWorkspaces(db: Db, defaultWorkspaceId: string): Promise<void> {
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
  const ja = await seedDemo(db, { workspaceId: jaWorkspace, locale: "ja" });
  const enWorkspace = await createWorkspace(db, {
    name: "Northwind Cloud (demo)",
    defaultLocale: "en",
    timeZone: "America/New_York",
  });
  const en = await seedDemo(db, { workspaceId: enWorkspace, locale: "en" });
  log.info(
    `seeded the demo: ${ja.responses} responses (ja, workspace ${jaWorkspace}) and ${en.responses} (en, workspace ${enWorkspace}) in ${Date.now() - started} ms`,
  );
}
