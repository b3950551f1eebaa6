// `koe serve` and `koe worker`: the server, the job runner, and, on the embedded database, the loopback
// control listener through which `koe …` run beside the server hands over its commands (the data
// directory is locked to this process).
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebStream } from "node:stream/web";
import { systemClock } from "../clock.ts";
import { bootstrap } from "../bootstrap.ts";
import { createMailer } from "../channels/email/mailer.ts";
import type { Config } from "../config.ts";
import { openDatabase, type OpenDatabase } from "../db/open.ts";
import { sharedHitCounter } from "../domain/rate-limits/shared-hit-counter.ts";
import { createApp } from "../http/app.ts";
import { CallerGoneError, cliControlApp, type HandedCommand } from "../http/cli-control.ts";
import { listen, type Listener } from "../http/listen.ts";
import { currentBoss } from "../jobs/boss.ts";
import { jobRegistry } from "../jobs/registry.ts";
import { startRunner } from "../jobs/runner.ts";
import { log } from "../log.ts";
import { dataCommands, parseCommandLine } from "./args.ts";
import { runDataCommand, type DataContext } from "./commands.ts";
import { newControlToken, writeControlNote } from "./control-file.ts";
import { expectedFailure } from "./errors.ts";
import type { Terminal } from "./terminal.ts";

/** The job runner with every job of the registry (mail, campaign clock, rollups); stopping it closes the mailer. */
export async function startWorker(
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

/** Runs one handed-over command once the server is ready; says its failure on the caller's stderr. */
async function runHandedCommand(
  context: Promise<DataContext>,
  command: HandedCommand,
  terminal: Terminal,
  errors: (line: string) => void,
): Promise<number> {
  // The file the command reads, sent along: kept under its own name in a directory only this user reads.
  let upload: string | undefined;
  try {
    let argv = command.argv;
    if (command.upload !== undefined && command.body) {
      upload = await mkdtemp(join(tmpdir(), "koe-upload-"));
      const path = join(upload, basename(argv[command.upload]!) || "upload");
      await pipeline(
        Readable.fromWeb(command.body as WebStream<Uint8Array>),
        createWriteStream(path, { mode: 0o600 }),
      );
      argv = argv.map((a, i) => (i === command.upload ? path : a));
    }
    const line = parseCommandLine(argv);
    if (!dataCommands.has(line.command)) {
      errors(`koe: "${line.command}" does not run beside a running Koe; stop the server first`);
      return 1;
    }
    // Which command, never its arguments (a password may be among them).
    log.info(`running "koe ${line.command}${line.sub ? ` ${line.sub}` : ""}" for the koe command`);
    const ready = await Promise.race([context, Promise.resolve(undefined)]);
    if (!ready)
      terminal.stderr.write(
        "koe: the server is still starting (migrations, the demo); the command runs once it is ready\n",
      );
    await runDataCommand(ready ?? (await context), line, terminal);
    return 0;
  } catch (e) {
    if (e instanceof CallerGoneError) return 1;
    const said = expectedFailure(e, "see koe --help");
    if (said) errors(said);
    else {
      log.error("a command handed over by the koe command failed:", e);
      errors(`koe: the server failed to run the command (${String(e)}); its log has the details`);
    }
    return 1;
  } finally {
    if (upload) await rm(upload, { recursive: true, force: true });
  }
}

/** The loopback control listener and control.json; returns their removal. */
async function startControl(
  config: Config,
  version: string,
  publicUrl: string | undefined,
  context: Promise<DataContext>,
): Promise<() => void> {
  const token = newControlToken();
  const control = await listen(0, "127.0.0.1");
  control.serve(
    cliControlApp({
      token,
      run: (command, terminal, errors) => runHandedCommand(context, command, terminal, errors),
    }).fetch,
  );
  const remove = writeControlNote(config.dataDir, {
    pid: process.pid,
    url: `http://127.0.0.1:${control.port}`,
    token,
    publicUrl,
    version,
  });
  // A process.exit anywhere (a failed start) still takes the note away; a crash leaves it to be replaced.
  process.once("exit", remove);
  return () => {
    remove();
    control.close();
  };
}

export async function runServe(config: Config, version: string, demo: boolean, http = true): Promise<void> {
  const started = performance.now();
  // The port before the database: a busy one stops the start with one line, nothing opened or migrated.
  const listener: Listener | undefined = http ? await listen(config.port) : undefined;
  const open = await openDatabase(config);
  // Commands handed over before the start is done wait for it.
  let ready: (context: DataContext) => void = () => {};
  const context = new Promise<DataContext>((r) => (ready = r));
  const stopControl = open.embedded
    ? await startControl(config, version, listener ? `http://localhost:${listener.port}` : undefined, context)
    : () => {};
  const { secret } = await bootstrap(open.db, config, { demo, clock: systemClock });
  const mailer = createMailer(open.db, config.smtpUrl, systemClock);
  ready({ db: open.db, clock: systemClock, config, transport: mailer.kind, boss: currentBoss });
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
    stopControl();
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
