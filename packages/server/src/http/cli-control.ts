// The control listener of a server on the embedded database (bound to 127.0.0.1 only, never the public
// app, not in the API document): `koe …` run beside the server hands it the command line, since the data
// directory is locked to this process, and reads the command's output back as it comes. The caller proves
// it may by the token in the data directory's control.json (0600); anything relayed by a proxy or from
// another address is refused as well.
import { createHash, timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono, type Context } from "hono";
import { commandHeader, type Frame } from "../cli/control-file.ts";
import type { Terminal } from "../cli/terminal.ts";
import { parseIp } from "./ip-address.ts";

/** A command handed over: its words as typed, whether the caller's stdout and stderr are terminals. */
export interface HandedCommand {
  argv: string[];
  tty: boolean;
  errTty: boolean;
  /** The index in argv of the file the command reads, sent as the request body. */
  upload?: number | undefined;
  body: ReadableStream<Uint8Array> | null;
}

export interface CliControlDeps {
  token: string;
  /** Runs the command, writing to the terminal; resolves to its exit code, having said any error itself. */
  run(command: HandedCommand, terminal: Terminal, errors: (line: string) => void): Promise<number>;
  /** Between output, so that a long quiet command (seeding the demo) does not look like a dead server. */
  heartbeatMs?: number;
}

/** The command's output stopped being read (Ctrl-C on the other side): the command should stop. */
export class CallerGoneError extends Error {}

const digest = (s: string) => createHash("sha256").update(s).digest();

function isLoopback(c: Context): boolean {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    return false; // no socket to vouch for the caller
  }
  const ip = address === undefined ? undefined : parseIp(address);
  if (!ip) return false;
  return ip.family === "ipv4" ? ip.text.startsWith("127.") : ip.text === "::1";
}

function parseCommand(value: string | undefined): Omit<HandedCommand, "body"> | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(decodeURIComponent(value)) as Record<string, unknown>;
    const { argv, upload } = parsed;
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === "string")) return undefined;
    if (
      upload !== undefined &&
      !(Number.isInteger(upload) && (upload as number) >= 0 && (upload as number) < argv.length)
    )
      return undefined;
    return {
      argv: argv as string[],
      tty: parsed.tty === true,
      errTty: parsed.errTty === true,
      upload: upload as number | undefined,
    };
  } catch {
    return undefined;
  }
}

export function cliControlApp(deps: CliControlDeps) {
  const expected = digest(`Bearer ${deps.token}`);
  const text = (c: Context, status: 400 | 401 | 403 | 404, body: string) => c.text(`${body}\n`, status);
  return new Hono()
    .use(async (c, next) => {
      // A proxy in front of Koe on this machine connects from the loopback too: what it relays is refused.
      if (!isLoopback(c) || c.req.header("x-forwarded-for") || c.req.header("forwarded"))
        return text(c, 403, "the control listener answers this machine's koe command only");
      const given = digest(c.req.header("authorization") ?? "");
      if (!timingSafeEqual(given, expected)) return text(c, 401, "a valid control token is required");
      await next();
    })
    .post("/internal/cli/run", (c) => {
      const command = parseCommand(c.req.header(commandHeader));
      if (!command)
        return text(c, 400, `the ${commandHeader} header must hold { argv, tty, errTty, upload }`);
      const encoder = new TextEncoder();
      let gone = false;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          const send = (frame: Frame) => {
            if (!gone) controller.enqueue(encoder.encode(`${JSON.stringify(frame)}\n`));
          };
          const out = (frame: Frame) => {
            if (gone) throw new CallerGoneError("the koe command stopped reading");
            send(frame);
          };
          const terminal: Terminal = {
            write: (t) => out({ out: t }),
            print: (line) => out({ out: `${line}\n` }),
            isTTY: command.tty,
            stderr: { write: (t) => out({ err: t }), isTTY: command.errTty },
          };
          const beat = setInterval(() => send({}), deps.heartbeatMs ?? 15_000);
          void deps
            .run({ ...command, body: c.req.raw.body }, terminal, (line) => send({ err: `${line}\n` }))
            .catch(() => 1)
            .then((code) => {
              clearInterval(beat);
              send({ exit: code });
              if (!gone) controller.close();
              gone = true;
            });
        },
        cancel() {
          gone = true;
        },
      });
      return new Response(stream, {
        headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
      });
    })
    .notFound((c) => text(c, 404, "no such control operation"));
}
