// PGlite has no lock of its own: two processes on one directory silently lose data. This O_EXCL pid
// file records pid and process start time, and is taken over when its owner is gone.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export class DataDirLockedError extends Error {
  constructor(
    message: string,
    /** The directory, and the live process holding it when that is another one (the CLI hands it commands). */
    readonly dir: string,
    readonly pid?: number,
  ) {
    super(message);
  }
}

function startTimeOf(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat is the start time; the command name (field 2) may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number, startTime: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  const now = startTimeOf(pid);
  return now === null || startTime === null || now === startTime; // a reused pid is another process
}

/** Takes the directory's lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, "koe.lock");
  const me = JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, me);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = readOwner(file);
    if (owner.pid && owner.pid !== process.pid && isAlive(owner.pid, owner.startTime ?? null)) {
      throw new DataDirLockedError(
        `The data directory ${dir} is in use by another Koe process (pid ${owner.pid}). ` +
          `Stop it, or point KOE_DATA_DIR at another directory.`,
        dir,
        owner.pid,
      );
    }
    if (owner.pid === process.pid) {
      throw new DataDirLockedError(`The data directory ${dir} is already open in this process.`, dir);
    }
    try {
      unlinkSync(file); // stale: its owner is gone
    } catch {
      /* someone else removed it first */
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dir}.`, dir);
}

function readOwner(file: string): { pid?: number; startTime?: string | null } {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { pid?: number; startTime?: string | null };
  } catch {
    return {}; // none, half-written or unreadable: treated as stale
  }
}

/** The live process holding the directory's lock, if another one does (nothing is taken or removed). */
export function lockOwner(dir: string): number | undefined {
  const owner = readOwner(join(dir, "koe.lock"));
  return owner.pid && owner.pid !== process.pid && isAlive(owner.pid, owner.startTime ?? null)
    ? owner.pid
    : undefined;
}
