// Forward-only, timestamped migrations, listed here so they load without a filesystem scan.
import type { Migration } from "kysely";
import * as initial from "./2026-11-24T0730-initial.ts";

export const migrations: Record<string, Migration> = {
  "2026-11-24T0730-initial": initial,
};
