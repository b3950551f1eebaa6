// Forward-only, timestamped migrations, listed here so they load without a filesystem scan.
import type { Migration } from "kysely";
import * as initial from "./2026-11-24T0730-initial.ts";
import * as sends from "./2026-11-24T0900-sends.ts";
import * as email from "./2026-11-24T1200-email.ts";
import * as campaignRounds from "./2026-11-24T1210-campaign-rounds.ts";
import * as uuid7 from "./2026-11-24T1220-uuid7.ts";
import * as sessions from "./2026-11-24T1300-sessions.ts";
import * as contactNotes from "./2026-12-01T1000-contact-notes.ts";
import * as sendsByTime from "./2026-12-01T1100-sends-by-time.ts";
import * as attributeRollups from "./2026-12-01T1300-attribute-rollups.ts";
import * as notesAlways from "./2026-12-02T0500-notes-always.ts";
import * as instanceState from "./2026-12-03T1000-instance-state.ts";
import * as trapHits from "./2026-12-03T1100-trap-hits.ts";
import * as domainEvents from "./2026-12-05T1100-domain-events.ts";
import * as memberships from "./2026-12-05T1200-memberships.ts";
import * as programme from "./2026-12-06T1000-programme.ts";
import * as contactImports from "./2026-12-06T1200-contact-imports.ts";
import * as mailLog from "./2026-12-06T1300-mail-log.ts";

export const migrations: Record<string, Migration> = {
  "2026-11-24T0730-initial": initial,
  "2026-11-24T0900-sends": sends,
  "2026-11-24T1200-email": email,
  "2026-11-24T1210-campaign-rounds": campaignRounds,
  "2026-11-24T1220-uuid7": uuid7,
  "2026-11-24T1300-sessions": sessions,
  "2026-12-01T1000-contact-notes": contactNotes,
  "2026-12-01T1100-sends-by-time": sendsByTime,
  "2026-12-01T1300-attribute-rollups": attributeRollups,
  "2026-12-02T0500-notes-always": notesAlways,
  "2026-12-03T1000-instance-state": instanceState,
  "2026-12-03T1100-trap-hits": trapHits,
  "2026-12-05T1100-domain-events": domainEvents,
  "2026-12-05T1200-memberships": memberships,
  "2026-12-06T1000-programme": programme,
  "2026-12-06T1200-contact-imports": contactImports,
  "2026-12-06T1300-mail-log": mailLog,
};
