// The one list of the jobs Koe runs; `koe serve` and `koe worker` work every one of them.
import { campaignClockJob } from "./campaign-clock.ts";
import { contactImportJob } from "./contact-import.ts";
import type { AnyJob } from "./define.ts";
import { dispatchEventsJob } from "./dispatch-events.ts";
import { mailStepJob } from "./mail-worker.ts";
import { rollupRefreshJob } from "./rollup-worker.ts";

export const jobRegistry: readonly AnyJob[] = [
  mailStepJob,
  campaignClockJob,
  rollupRefreshJob,
  dispatchEventsJob,
  contactImportJob,
];
