// What the process ensures at start: migrations, the signing secret, the default workspace, bootstrap key
// and admin, demo.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Config } from "./config.ts";
import { dateOf, type Clock } from "./clock.ts";
import type { Db } from "./db/open.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { ensureApiKey } from "./domain/auth/api-keys.ts";
import { ensureAdmin } from "./domain/auth/users.ts";
import { instanceSecret } from "./domain/instance/instance-secret.ts";
import { demoWasRemoved, ensureDefaultWorkspace } from "./domain/workspaces/workspaces.ts";
import { ensureDemoApiKeys, seedDemoWorkspaces } from "./demo/demo-workspaces.ts";
import { log } from "./log.ts";

export async function bootstrap(
  db: Db,
  config: Config,
  /** clock: the process's one clock; the demo's history ends at its time. */
  opts: { demo: boolean; clock: Clock },
): Promise<{ workspaceId: string; secret: string }> {
  const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
  if (applied.length) log.info(`applied migrations: ${applied.join(", ")}`);
  const secret = await signingSecret(db, config);
  const workspaceId = await ensureDefaultWorkspace(db);
  if (config.bootstrapApiKey) await ensureApiKey(db, workspaceId, config.bootstrapApiKey);
  if (config.adminEmail && config.adminPassword) {
    await ensureAdmin(db, config.adminEmail, config.adminPassword);
  }
  // Once removed (`koe demo remove`, or the admin app), --demo does not bring the demo back.
  if (opts.demo && (await isEmpty(db)) && !(await demoWasRemoved(db)))
    await seedDemoWorkspaces(db, { now: dateOf(opts.clock), bootstrapApiKey: config.bootstrapApiKey });
  else if (config.bootstrapApiKey) await ensureDemoApiKeys(db, config.bootstrapApiKey);
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
