// CLI entry: koe serve | worker | migrate | seed-demo | apikey create | admin create | campaign send |
// workspace … | jobs | events | demo remove. Which process runs a command: cli/dispatch.ts. Only what
// every command needs is imported here: a command handed to a running server starts in a moment.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine } from "./cli/args.ts";
import { dispatch } from "./cli/dispatch.ts";
import { expectedFailure } from "./cli/errors.ts";
import { loadConfig } from "./config.ts";
import { setLogLevel } from "./log.ts";
import { serverPackageRoot } from "./package-paths.ts";

const version = (
  JSON.parse(readFileSync(join(serverPackageRoot, "package.json"), "utf8")) as { version: string }
).version;

const usage = async () => (await import("./cli/usage.ts")).usage(version);

async function main(argv: string[]): Promise<void> {
  const line = parseCommandLine(argv);
  if (line.values.help || line.command === "help") return console.log(await usage());
  const config = loadConfig();
  setLogLevel(config.logLevel);
  process.exitCode = await dispatch(config, version, line, argv);
}

main(process.argv.slice(2)).catch(async (e: unknown) => {
  // Expected failures get one clear line; anything else shows its stack.
  console.error(expectedFailure(e, await usage().catch(() => "")) ?? e);
  process.exit(1);
});
