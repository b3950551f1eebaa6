// The `koe` command line parsed: the same words whether this process runs the command or hands it to the
// server running on the data directory (which parses them again).
import { parseArgs } from "node:util";

const options = {
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
} as const;

export interface CommandLine {
  command: string;
  sub: string | undefined;
  /** The positionals after the command and its subcommand. */
  rest: string[];
  values: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>
  >["values"];
}

/** Throws a TypeError with an ERR_PARSE_ARGS_* code for an unknown or malformed option. */
export function parseCommandLine(argv: string[]): CommandLine {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
  const [command = "serve", sub] = positionals;
  return { command, sub, rest: positionals.slice(2), values };
}

/** The commands a running server can run for the `koe` command; the others need the database to themselves. */
export const dataCommands: ReadonlySet<string> = new Set([
  "apikey",
  "admin",
  "campaign",
  "workspace",
  "demo",
  "jobs",
  "events",
  "seed-demo",
]);
