// CLI entry: koe serve | migrate | seed-demo | apikey create | admin create | workspace … | demo remove
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { bootstrap } from "./bootstrap.ts";
import { demoCommand, workspaceCommand, workspaceUsage } from "./cli/workspaces.ts";
import { jobsCommand, jobsUsage } from "./cli/jobs.ts";
import { eventsCommand, eventsUsage } from "./cli/events.ts";
import { seedDemoWorkspaces } from "./demo/demo-workspaces.ts";
import { getWorkspaceDetail } from "./domain/workspaces/workspaces.ts";
import { dateOf, systemClock } from "./clock.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { DataDirLockedError } from "./db/lock.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { openDatabase, type OpenDatabase } from "./db/open.ts";
import { roles } from "./domain/auth/actor.ts";
import { createApiKey } from "./domain/auth/api-keys.ts";
import { createInstanceOwner } from "./domain/auth/users.ts";
import { DomainError } from "./domain/errors.ts";
import { createApp } from "./http/app.ts";
import { listen, PortError, type Listener } from "./http/listen.ts";
import { sharedHitCounter } from "./domain/rate-limits/shared-hit-counter.ts";
import { createMailer } from "./channels/email/mailer.ts";
import { jobRegistry } from "./jobs/registry.ts";
import { startRunner } from "./jobs/runner.ts";
import { sendCampaignFromCli } from "./cli/campaign-send.ts";
import { log, setLogLevel } from "./log.ts";
import { serverPackageRoot } from "./package-paths.ts";
import type { Role } from "./db/schema.ts";

const version = (
  JSON.parse(readFileSync(join(serverPackageRoot, "package.json"), "utf8")) as { version: string }
).version;

const usage = `koe ${version} — NPS and voice-of-customer platform

  koe serve [--demo]                      start the server, the mail worker and the rollup job (--demo seeds demo data into an empty database)
  koe worker                              run only the mail worker (sending, reminders, campaign rounds) and the rollup job
  koe campaign send <id>                  launch a campaign and send it here, with a progress bar
  koe migrate                             apply database migrations
  koe seed-demo                           add a Japanese and an English demo workspace
  koe apikey create [--role R] [--name N] [--workspace ID]
                                          print a new API key of the default workspace, or of workspace ID (role: ${roles.join("|")})
  koe admin create --email E --password P create an instance owner (owner of the default and the demo workspaces)
  ${workspaceUsage}
  ${jobsUsage}
  ${eventsUsage}

Environment: PORT, DATABASE_URL, KOE_DATA_DIR, KOE_SECRET, KOE_BOOTSTRAP_API_KEY, KOE_ADMIN_EMAIL,
KOE_ADMIN_PASSWORD, SMTP_URL, BASE_URL, KOE_MAIL_LEASE_SECONDS, KOE_TRUST_PROXY, KOE_FORWARDED_HEADER,
KOE_PUBLIC_RATE_LIMIT, LOG_LEVEL.`;

async function withDatabase<T>(config: Config, fn: (open: OpenDatabase) => Promise<T>): Promise<T> {
  const open = await openDatabase(config);
  try {
    return await fn(open);
  } finally {
    await open.close();
  }
}

/** The job runner with every job of the registry (mail, campaign clock, rollups); stopping it closes the mailer. */
async function startWorker(
  config: Config,
  open: OpenDatabase,
  secret: string,
  mailer = createMailer(open.db, config.smtpUrl, systemClock),
) {
  const runner = await startRunner({
    jobs: jobRegistry,
    services: {
      db: open.db,
      clock: systemClock,
      mailer,
      links: { secret, baseUrl: config.baseUrl },
      config: { mailLeaseSeconds: config.mailLeaseSeconds, parallelExpansion: !open.embedded },
    },
    onError: (e) => log.error("jobs:", e),
  });
  const worker = {
    async stop() {
      await runner.stop();
      await mailer.close();
    },
  };
  return { mailer, worker };
}

async function runServe(config: Config, demo: boolean, http = true): Promise<void> {
  const started = performance.now();
  // The port before the database: a busy one stops the start with one line, nothing opened or migrated.
  const listener: Listener | undefined = http ? await listen(config.port) : undefined;
  const open = await openDatabase(config);
  const { secret } = await bootstrap(open.db, config, { demo, clock: systemClock });
  const mailer = createMailer(open.db, config.smtpUrl, systemClock);
  // Started once the server answers (below): a request never waits for the job runner to start.
  let worker: Promise<{ stop(): Promise<void> }> | undefined;
  const startJobs = () =>
    (worker = startWorker(config, open, secret, mailer).then(
      (w) => w.worker,
      (e: unknown) => {
        // No runner, no mail and no campaigns: not a server to keep running.
        log.error("the job runner did not start:", e);
        process.exit(1);
      },
    ));
  // The public pages' rate limit counts every process's requests (shared-hit-counter.ts).
  const publicHits = sharedHitCounter(open.db, "public");
  publicHits.start(1_000, (e) => log.warn("rate limit counts not shared this second:", e));
  const stop = async () => {
    log.info("shutting down");
    listener?.close();
    await (await worker)?.stop();
    await publicHits.stop().catch(() => {});
    await open.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  if (!http) {
    await startJobs();
    log.info(`Koe ${version} mail worker running (${mailer.kind === "smtp" ? "SMTP" : "outbox"})`);
    return;
  }
  const app = createApp({
    db: open.db,
    version,
    secret,
    baseUrl: config.baseUrl,
    mailer,
    publicRequestsPerMinute: config.publicRequestsPerMinute,
    noScriptMinMs: config.noScriptMinMs,
    publicHits,
    proxy: config.proxy,
    clock: systemClock,
  });
  listener!.serve(app.fetch);
  const where = open.embedded ? `embedded database in ${config.dataDir}` : "PostgreSQL";
  log.info(
    `Koe ${version} listening on http://localhost:${listener!.port} (${where}), ready in ${Math.round(performance.now() - started)} ms`,
  );
  await startJobs();
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: "boolean", default: false },
      role: { type: "string", default: "owner" },
      name: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      workspace: { type: "string" },
      locale: { type: "string" },
      yes: { type: "boolean", default: false },
      state: { type: "string" },
      queue: { type: "string" },
      subscriber: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command = "serve", sub] = positionals;
  if (values.help || command === "help") return console.log(usage);
  const config = loadConfig();
  setLogLevel(config.logLevel);

  switch (command) {
    case "serve":
      return runServe(config, values.demo ?? false);
    case "worker":
      return runServe(config, false, false);
    case "campaign": {
      const id = positionals[2];
      if (sub !== "send" || !id) throw new ConfigError("usage: koe campaign send <campaign id>");
      return withDatabase(config, async (open) => {
        const { secret } = await bootstrap(open.db, config, { demo: false, clock: systemClock });
        const { mailer, worker } = await startWorker(config, open, secret);
        await sendCampaignFromCli(open.db, id, mailer.kind, process.stdout, systemClock).finally(() =>
          worker.stop(),
        );
      });
    }
    case "migrate":
      return withDatabase(config, async ({ db }) => {
        const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
        console.log(applied.length ? `applied: ${applied.join(", ")}` : "the database is up to date");
      });
    case "seed-demo":
      return withDatabase(config, async ({ db }) => {
        await bootstrap(db, config, { demo: false, clock: systemClock });
        await seedDemoWorkspaces(db, { now: dateOf(systemClock), bootstrapApiKey: config.bootstrapApiKey });
      });
    case "workspace":
      return withDatabase(config, async ({ db }) => {
        await bootstrap(db, config, { demo: false, clock: systemClock });
        const rest = positionals.slice(2);
        await workspaceCommand(
          db,
          { sub, rest, locale: values.locale, yes: values.yes ?? false },
          console.log,
        );
      });
    case "jobs":
      return withDatabase(config, (open) =>
        jobsCommand(
          open.db,
          { sub, rest: positionals.slice(2), state: values.state, queue: values.queue },
          console.log,
        ),
      );
    case "events":
      return withDatabase(config, (open) =>
        eventsCommand(
          open.db,
          systemClock,
          { sub, rest: positionals.slice(2), subscriber: values.subscriber },
          console.log,
        ),
      );
    case "demo":
      return withDatabase(config, async ({ db }) => {
        await bootstrap(db, config, { demo: false, clock: systemClock });
        await demoCommand(db, sub, console.log);
      });
    case "apikey":
    case "admin": {
      if (sub !== "create") throw new ConfigError(`usage: koe ${command} create …`);
      return withDatabase(config, async ({ db }) => {
        const { workspaceId } = await bootstrap(db, config, { demo: false, clock: systemClock });
        if (command === "apikey") {
          const role = values.role as Role;
          if (!roles.includes(role)) throw new ConfigError(`--role must be one of ${roles.join(", ")}`);
          const into = values.workspace
            ? (await getWorkspaceDetail(db, values.workspace, undefined)).id
            : workspaceId;
          const created = await createApiKey(db, into, { role, name: values.name ?? "cli" });
          console.log(created.key);
        } else {
          if (!values.email || !values.password || values.password.length < 8) {
            throw new ConfigError("give --email and a --password of at least 8 characters");
          }
          await createInstanceOwner(db, {
            email: values.email,
            password: values.password,
            name: values.name ?? "",
          });
          console.log(`created admin ${values.email}`);
        }
      });
    }
    default:
      throw new ConfigError(`unknown command "${command}"\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  // Expected failures get one clear line; anything else shows its stack.
  if (
    e instanceof ConfigError ||
    e instanceof PortError ||
    e instanceof DataDirLockedError ||
    e instanceof DomainError
  ) {
    console.error(`koe: ${e.message}`);
  } else if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) {
    console.error(`koe: ${e.message}\n\n${usage}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
