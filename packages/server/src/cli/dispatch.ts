// Which process runs a `koe` command. On PostgreSQL, or when the embedded database's directory is free,
// this one (run-here.ts). When a Koe server holds the directory (PGlite is one process), a data command is
// handed to that server (hand-over.ts) and the others say in one line what holds the directory and what
// to do. The database and the server are imported only by the path that uses them.
import { ConfigError, type Config } from "../config.ts";
import { DataDirLockedError, lockOwner } from "../db/lock.ts";
import { dataCommands, forHandOver, type CommandLine } from "./args.ts";
import { handOver, inUse } from "./hand-over.ts";

const stopFirst = "stop it first (Ctrl-C in its terminal)";

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
    case "worker": {
      // Said before taking the port, which the running server may hold too.
      if (embeddedDir && held)
        throw inUse(
          embeddedDir,
          held,
          `${stopFirst}, or set KOE_DATA_DIR to another directory to run a second Koe`,
        );
      const { runServe } = await import("./serve.ts");
      const serve = line.command === "serve";
      await runServe(config, version, serve && (line.values.demo ?? false), serve);
      return 0;
    }
    case "migrate":
      if (embeddedDir && held)
        throw inUse(
          embeddedDir,
          held,
          `it applied its migrations when it started; to apply a newer Koe's, ${stopFirst} and start the new one`,
        );
      await (await import("./run-here.ts")).migrateHere(config);
      return 0;
    default:
      if (!dataCommands.has(line.command))
        throw new ConfigError(`unknown command "${line.command}" (koe --help lists them)`);
  }
  const handOverTo = (pid: number) => {
    const { argv: handed, upload } = forHandOver(argv);
    return handOver(embeddedDir!, pid, handed, { upload });
  };
  if (embeddedDir && held) return handOverTo(held);
  try {
    await (await import("./run-here.ts")).runHere(config, line);
    return 0;
  } catch (e) {
    // The directory was taken between the look and the open: hand over after all.
    if (e instanceof DataDirLockedError && e.pid && embeddedDir) return handOverTo(e.pid);
    throw e;
  }
}
