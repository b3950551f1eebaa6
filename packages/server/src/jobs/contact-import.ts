// A contact CSV import's run as a job (domain/contacts/import-run.ts): enqueued with the import's mapping
// in the request that queued it, run one at a time per process, its progress written per chunk for the
// admin app to poll. A run cut short (a crash, an expired job) is retried and resumes after its last
// written chunk; after the last attempt the import is marked failed with the reason.
import { z } from "zod";
import { dateOf } from "../clock.ts";
import { importToRun } from "../domain/contacts/import-files.ts";
import { failContactImport, runContactImport } from "../domain/contacts/import-run.ts";
import { defineJob } from "./define.ts";

export const contactImportJob = defineJob({
  name: "contacts.import",
  schema: z.object({ workspaceId: z.uuid(), importId: z.uuid() }),
  retry: { limit: 2, delaySeconds: 5, backoff: true },
  // A million rows take a minute or two on PostgreSQL, longer on the embedded database.
  expireInSeconds: 3_600,
  batchSize: 1,
  async handler({ workspaceId, importId }, ctx) {
    const job = await importToRun(ctx.db, workspaceId, importId);
    // Gone (its workspace deleted) or already done by an earlier attempt: nothing to do.
    if (!job || job.status === "done") return;
    try {
      await runContactImport(ctx.db, {
        workspaceId,
        importId,
        source: job.source,
        mapping: job.mapping,
        now: () => dateOf(ctx.clock),
      });
    } catch (e) {
      if (ctx.job.retryCount >= contactImportJob.retry.limit)
        await failContactImport(
          ctx.db,
          workspaceId,
          importId,
          e instanceof Error ? e.message : String(e),
          dateOf(ctx.clock),
        );
      throw e;
    }
  },
});
