// Which process runs a `koe` command. On PostgreSQL, or when the embedded database's directory is free,
// this one. When a Koe server holds the directory (PGlite is one process), a data command is handed to
// that server (hand-over.ts) and the rest say in one line what holds the directory and what to do.
import type { Kysely } from "kysely";
import { bootstrap } from "../bootstrap.ts";
import { systemClock } from "../clock.ts";
import { ConfigError, type Config } from "../config.ts";
import { DataDirLockedError, lockOwner } from "../db/lock.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { openDatabase, type OpenDatabase } from "../db/open.ts";
import type { CommandLine } from "./args.ts";
import { dataCommands, runDataCommand } from "./commands.ts";
import { handOver, inUse } from "./hand-over.ts";
import { runServe, startWorker } from "./serve.ts";
import { processTerminal } from "./terminal.ts";

const stopFirst = "stop it first (Ctrl-C in its terminal)";

/** This process on the database; a locked embedded directory as DataDirLockedError. */
async function withDatabase<T>(config: Config, fn: (open: OpenDatabase) => Promise<T>): Promise<T> {
  const open = await openDatabase(config);
  try {
    return await fn(open);
  } finally {
    await open.close();
  }
}

/** A data command run by this process, as the server would run it for us. */
function runHere(config: Config, line: CommandLine): Promise<void> {
  return withDatabase(config, async (open) => {
    // jobs and events only read (or re-queue) what is there: no migrations or default workspace for them.
    const { secret } =
      line.command === "jobs" || line.command === "events"
        ? { secret: "" }
        : await bootstrap(open.db, config, { demo: false, clock: systemClock });
    const context = { db: open.db, clock: systemClock, config, transport: "" };
    if (line.command !== "campaign") return runDataCommand(context, line, processTerminal);
    // No server is sending: this process does, until the campaign's round is settled.
    const { mailer, worker } = await startWorker(config, open, secret);
    await runDataCommand({ ...context, transport: mailer.kind }, line, processTerminal).finally(() =>
      worker.stop(),
    );
  });
}

/** Runs a parsed command line (not help); resolves to the exit code. */
export async function dispatch(
  config: Config,
  version: string,
  line: CommandLine,
  argv: string[],
): Promise<number> {
  const embeddedDir = config.databaseUrl ? undefined : config.dataDir;
  const held = embeddedDir ? lockOwner(embeddedDir) : undefined;
  switch (line.command) {
    case "serve":
    case "worker":
      // Said before taking the port, which the running server may hold too.
      if (embeddedDir && held)
        throw inUse(
          embeddedDir,
          held,
          `${stopFirst}, or set KOE_DATA_DIR to another directory to run a second Koe`,
        );
      await runServe(
        config,
        version,
        line.command === "serve" && (line.values.demo ?? false),
        line.command === "serve",
      );
      return 0;
    case "migrate":
      if (embeddedDir && held)
        throw inUse(
          embeddedDir,
          held,
          `it applied its migrations when it started; to apply a newer Koe's, ${stopFirst} and start the new one`,
        );
      await withDatabase(config, async ({ db }) => {
        const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
        console.log(applied.length ? `applied: ${applied.join(", ")}` : "the database is up to date");
      });
      return 0;
    default:
      if (!dataCommands.has(line.command)) throw new ConfigError(`unknown command "${line.command}"`);
  }
  if (embeddedDir && held) return handOver(embeddedDir, held, argv);
  try {
    await runHere(config, line);
    return 0;
  } catch (e) {
    // The directory was taken between the look and the open: hand over after all.
    if (e instanceof DataDirLockedError && e.pid && embeddedDir) return handOver(embeddedDir, e.pid, argv);
    throw e;
  }
}
