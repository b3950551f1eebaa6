// The `koe` command line parsed: the same words whether this process runs the command or hands it to the
// server running on the data directory (which parses them again).
import { resolve } from "node:path";
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
  mapping: { type: "string" },
  errors: { type: "string" },
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
  "import",
]);

/**
 * The command line as a server on this machine should get it: the file `koe import contacts FILE` reads
 * is sent along as the request body (upload: its index in argv), since the server may not be allowed to
 * read it; a file the command writes (--errors) becomes an absolute path, the server's directory not
 * being this one's.
 */
export function forHandOver(argv: string[]): { argv: string[]; upload?: number } {
  const { tokens } = parseArgs({ args: argv, allowPositionals: true, options, tokens: true });
  const out = [...argv];
  for (const t of tokens)
    if (t.kind === "option" && t.name === "errors" && t.value !== undefined) {
      if (t.inlineValue) out[t.index] = `${t.rawName}=${resolve(t.value)}`;
      else out[t.index + 1] = resolve(t.value);
    }
  const positionals = tokens.filter((t) => t.kind === "positional");
  const file = positionals[0]?.value === "import" ? positionals[2] : undefined;
  return file ? { argv: out, upload: file.index } : { argv: out };
}
