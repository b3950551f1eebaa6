// control.json in the embedded database's data directory: a running Koe's note to the `koe` command of
// where its loopback control listener is and the token it takes. The directory is locked to that process,
// so a command run beside it hands itself over instead of failing. Mode 0600: whoever may read it may run
// any command, as whoever may read the database files may.
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export interface ControlNote {
  /** The process that wrote it: the note counts only while that process holds the directory's lock. */
  pid: number;
  /** The control listener, on the loopback only, e.g. http://127.0.0.1:41234 */
  url: string;
  token: string;
  /** Where people reach the server, for messages (none for `koe worker`). */
  publicUrl?: string | undefined;
  version: string;
}

/** The request header carrying the command: URI-encoded JSON { argv, tty } (header values are bytes). */
export const commandHeader = "koe-command";

/** The answer, one JSON object a line: {out} for stdout, {err} for stderr, {exit} last; {} keeps alive. */
export type Frame = { out: string } | { err: string } | { exit: number } | Record<string, never>;

export const controlFile = (dir: string) => join(dir, "control.json");

export const newControlToken = () => randomBytes(32).toString("base64url");

/** Writes the note (replacing one a crashed process left); returns its removal, which leaves another's. */
export function writeControlNote(dir: string, note: ControlNote): () => void {
  const file = controlFile(dir);
  try {
    unlinkSync(file);
  } catch {
    // none: the last process stopped cleanly
  }
  // Created 0600, never readable by others even for a moment; chmod for an odd umask.
  const fd = openSync(file, "wx", 0o600);
  try {
    writeSync(fd, JSON.stringify(note));
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    if (readControlNote(dir)?.token !== note.token) return; // another process's by now
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

export function readControlNote(dir: string): ControlNote | undefined {
  try {
    const note = JSON.parse(readFileSync(controlFile(dir), "utf8")) as Partial<ControlNote>;
    if (typeof note.pid !== "number" || typeof note.url !== "string" || typeof note.token !== "string")
      return undefined;
    return {
      pid: note.pid,
      url: note.url,
      token: note.token,
      publicUrl: typeof note.publicUrl === "string" ? note.publicUrl : undefined,
      version: typeof note.version === "string" ? note.version : "",
    };
  } catch {
    return undefined; // none, half-written or unreadable
  }
}
