// A command run by the `koe` process itself on the database: on PostgreSQL, or when no server holds the
// embedded database's directory. Loaded only then (the database engine is the heavy part of the program).
import type { Kysely } from "kysely";
import { bootstrap } from "../bootstrap.ts";
import { systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { openDatabase, type OpenDatabase } from "../db/open.ts";
import type { CommandLine } from "./args.ts";
import { runDataCommand } from "./commands.ts";
import { startWorker } from "./serve.ts";
import { processTerminal } from "./terminal.ts";

/** This process on the database; a locked embedded directory throws DataDirLockedError before anything runs. */
async function withDatabase<T>(config: Config, fn: (open: OpenDatabase) => Promise<T>): Promise<T> {
  const open = await openDatabase(config);
  try {
    return await fn(open);
  } finally {
    await open.close();
  }
}

export function migrateHere(config: Config): Promise<void> {
  return withDatabase(config, async ({ db }) => {
    const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "the database is up to date");
  });
}

/** A data command run by this process, as a running server would run it for us. */
export function runHere(config: Config, line: CommandLine): Promise<void> {
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
