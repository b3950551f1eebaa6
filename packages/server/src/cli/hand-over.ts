// The `koe` command beside a running Koe on the embedded database: the data directory is locked to that
// server (PGlite is one process), so a data command is handed to it over its loopback control listener
// (control.json, http/cli-control.ts) and its output shown as it comes, exactly as if run here. Commands
// that need the database to themselves get one message naming the server instead.
import { createReadStream } from "node:fs";
import { access, constants } from "node:fs/promises";
import { Readable } from "node:stream";
import { ConfigError } from "../config.ts";
import { lockOwner } from "../db/lock.ts";
import { commandHeader, readControlNote, type ControlNote, type Frame } from "./control-file.ts";

/** Who holds the directory, for messages: "Koe (pid 123) listening on http://localhost:3000". */
export function holder(pid: number, note: ControlNote | undefined): string {
  const where = note?.pid === pid && note.publicUrl ? ` listening on ${note.publicUrl}` : "";
  return `Koe (pid ${pid})${where}`;
}

/** The one message for a command that cannot run beside the server: what holds the directory, and what to do. */
export function inUse(dir: string, pid: number, todo: string): ConfigError {
  return new ConfigError(
    `the data directory ${dir} is in use by ${holder(pid, readControlNote(dir))}; ${todo}`,
  );
}

/** The server's note, once it has written it: a server still opening its database has not yet. */
async function noteOf(dir: string, pid: number, ms = 20_000): Promise<ControlNote | undefined> {
  // Counted in waits rather than read from the machine's clock (clock-reads.test.ts).
  for (let waited = 0; ; waited += 200) {
    const note = readControlNote(dir);
    if (note?.pid === pid) return note;
    if (lockOwner(dir) !== pid || waited >= ms) return undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface Output {
  stdout: { write(text: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(text: string): unknown; isTTY?: boolean | undefined };
}

/**
 * Hands `argv` to the server `pid` that holds `dir` and copies its output; resolves to the command's exit
 * code. `upload`: the index in argv of a file the command reads, sent along as it is read (the server may
 * not be allowed to read this user's files).
 */
export async function handOver(
  dir: string,
  pid: number,
  argv: string[],
  opts: { upload?: number | undefined; output?: Output } = {},
): Promise<number> {
  const { stdout, stderr } = opts.output ?? { stdout: process.stdout, stderr: process.stderr };
  const note = await noteOf(dir, pid);
  if (!note)
    throw inUse(
      dir,
      pid,
      "it does not take commands from here (it is still starting, or it is an older Koe): try again in a moment, or stop it first (Ctrl-C in its terminal)",
    );
  const refused = (why: string) =>
    inUse(
      dir,
      pid,
      `it could not run the command (${why}); stop it first (Ctrl-C in its terminal) and run the command again`,
    );
  const file = opts.upload === undefined ? undefined : argv[opts.upload];
  // Said here, as the command run here would say it, not as a failed request.
  if (file)
    await access(file, constants.R_OK).catch(() => Promise.reject(new ConfigError(`cannot read ${file}`)));
  let res: Response;
  try {
    const command = { argv, tty: stdout.isTTY === true, errTty: stderr.isTTY === true, upload: opts.upload };
    res = await fetch(`${note.url}/internal/cli/run`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${note.token}`,
        [commandHeader]: encodeURIComponent(JSON.stringify(command)),
        ...(file ? { "content-type": "application/octet-stream" } : {}),
      },
      ...(file
        ? { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, duplex: "half" }
        : {}),
    } as RequestInit);
  } catch (e) {
    throw refused(`its control listener did not answer: ${(e as Error).cause ?? (e as Error).message}`);
  }
  if (res.status !== 200 || !res.body) throw refused(`${res.status} ${(await res.text()).trim()}`);
  const decoder = new TextDecoder();
  let pending = "";
  let exit: number | undefined;
  const take = (text: string) => {
    const frame = JSON.parse(text) as Frame;
    if ("out" in frame) stdout.write(frame.out);
    else if ("err" in frame) stderr.write(frame.err);
    else if ("exit" in frame) exit = frame.exit;
  };
  // Output piped into a reader that stops early (`koe jobs | head`): stop reading, as a command run here
  // would, and the server stops the command when the connection closes.
  let pipeClosed = false;
  const reader = res.body.getReader();
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    pipeClosed = true;
    void reader.cancel().catch(() => {});
  };
  const watched = stdout === process.stdout;
  if (watched) process.stdout.on("error", onError);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || pipeClosed) break;
      pending += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = pending.indexOf("\n")) >= 0 && !pipeClosed) {
        take(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    }
  } catch {
    // the connection broke: said below
  } finally {
    if (watched) process.stdout.off("error", onError);
  }
  if (pipeClosed) return 0;
  if (exit === undefined)
    throw new ConfigError(
      `the connection to ${holder(pid, note)} broke before the command finished (did it stop?); its log says what it did`,
    );
  return exit;
}
