// The campaign clock as a job (domain/campaigns/run-due.ts): due campaigns expanded onto the ledger,
// recurring rounds started, finished campaigns marked done. One run at a time across processes, every
// two seconds, at once again while an audience is still being expanded.
import { z } from "zod";
import { messageHostOf } from "../channels/email/compose-survey-mail.ts";
import { runDueCampaigns } from "../domain/campaigns/run-due.ts";
import { defineJob } from "./define.ts";

export const campaignClockJob = defineJob({
  name: "campaigns.clock",
  schema: z.object({}),
  singletonKey: "campaigns",
  schedule: { everySeconds: 2 },
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  expireInSeconds: 60,
  keepSeconds: 600,
  async handler(_payload, ctx) {
    const queued = await runDueCampaigns(ctx.db, messageHostOf(ctx.links.baseUrl), {
      workspaceId: ctx.config.workspaceId,
      parallel: ctx.config.parallelExpansion ? 2 : 1,
      clock: ctx.clock,
    });
    return { again: queued > 0 };
  },
});
