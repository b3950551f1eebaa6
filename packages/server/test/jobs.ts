// Jobs for the runner's tests: one whose effect is a row keyed by its job id, written in the handler's
// own transaction, so a test sees how many runs committed.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../src/db/open.ts";
import { defineJob } from "../src/jobs/define.ts";

/** The test table of job effects (created once per database; tests keep apart by job name). */
export async function effectTable(db: Db): Promise<void> {
  await sql`create table if not exists job_test_effects (
    job_id text primary key, job_name text not null, payload_key text not null, runs int not null default 1)`.execute(
    db,
  );
}

export async function effectsOf(
  db: Db,
  jobName: string,
): Promise<{ job_id: string; payload_key: string; runs: number }[]> {
  const { rows } = await sql<{ job_id: string; payload_key: string; runs: number }>`
    select job_id, payload_key, runs from job_test_effects where job_name = ${jobName} order by payload_key`.execute(
    db,
  );
  return rows;
}

/**
 * A job writing its effect row in its own transaction, after `during` (which may wait, or never return
 * so that the process can be killed inside the transaction). A second committed run would count 2.
 */
export function killableJob(name: string, during: () => Promise<void> = async () => {}) {
  return defineJob({
    name,
    schema: z.object({ key: z.string() }),
    retry: { limit: 1, delaySeconds: 0, backoff: false },
    expireInSeconds: 30,
    async handler(payload, ctx) {
      await ctx.db.transaction().execute(async (trx) => {
        await sql`insert into job_test_effects (job_id, job_name, payload_key) values (${ctx.job.id}, ${name}, ${payload.key})
          on conflict (job_id) do update set runs = job_test_effects.runs + 1`.execute(trx);
        await during();
      });
    },
  });
}
