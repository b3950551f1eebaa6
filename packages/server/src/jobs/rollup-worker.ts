// The rollup job (domain/rollups/refresh-rollups.ts) on the job runner: recomputes the changed days of
// the attribute and send rollups, one run at a time across processes, every few seconds and at once
// again while days remain. That bounds how long a changed day is read from the raw rows (only the
// speed of those reports depends on it).
import { z } from "zod";
import { refreshRollups } from "../domain/rollups/refresh-rollups.ts";
import { defineJob } from "./define.ts";

/** How long one run refreshes before handing over to its next run. */
const BUDGET_MS = 5_000;

export const rollupRefreshJob = defineJob({
  name: "rollups.refresh",
  schema: z.object({}),
  singletonKey: "rollups",
  schedule: { everySeconds: 5 },
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  expireInSeconds: 120,
  keepSeconds: 600,
  async handler(_payload, ctx) {
    const stopAt = ctx.clock.now() + BUDGET_MS;
    let days = 0;
    do days = await refreshRollups(ctx.db, { workspaceId: ctx.config.workspaceId });
    while (days > 0 && ctx.clock.now() < stopAt && !ctx.job.signal.aborted);
    return { again: days > 0 };
  },
});
