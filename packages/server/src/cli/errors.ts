// How a failed command is said: an expected failure in one line, anything else with its stack.
import { ConfigError } from "../config.ts";
import { DataDirLockedError } from "../db/lock.ts";
import { DomainError } from "../domain/errors.ts";
import { PortError } from "../http/listen.ts";

/** The one line for an expected failure; undefined for a bug, whose stack should be shown. */
export function expectedFailure(e: unknown, usage: string): string | undefined {
  if (
    e instanceof ConfigError ||
    e instanceof PortError ||
    e instanceof DataDirLockedError ||
    e instanceof DomainError
  )
    return `koe: ${e.message}`;
  if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    return `koe: ${e.message}\n\n${usage}`;
  return undefined;
}
