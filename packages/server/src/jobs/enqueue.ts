// Enqueues a job: checked against its schema, written in the caller's transaction when given one (so a
// rolled-back change leaves no job behind, and a committed one always has its job).
import { CompiledQuery, type Kysely } from "kysely";
import type { Db as BossDatabase } from "pg-boss";
import type { z } from "zod";
import type { Database } from "../db/schema.ts";
import { currentBoss } from "./boss.ts";
import type { JobDefinition } from "./define.ts";

export interface EnqueueOptions {
  /** Not before this time, or this many seconds from now. */
  startAfter?: Date | number;
  /** Overrides the definition's key (e.g. one per workspace). */
  singletonKey?: string;
}

/**
 * The job's id, or null when a `stately` queue already holds one queued under the key (the queued one
 * will do the work). On the embedded database, pass the transaction when inside one: the database
 * handle would wait for the transaction's connection.
 */
/** pg-boss's statement on the caller's connection or transaction (pg-boss's fromKysely, without loading pg-boss). */
const onKysely = (db: Kysely<Database>): BossDatabase => ({
  executeSql: async (text, values) => ({
    rows: [...(await db.executeQuery(CompiledQuery.raw(text, values ?? []))).rows],
  }),
});

export async function enqueue<S extends z.ZodType>(
  dbOrTrx: Kysely<Database>,
  job: JobDefinition<S>,
  payload: z.input<S>,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const data = job.schema.parse(payload) as object;
  const singletonKey = opts.singletonKey ?? job.singletonKey;
  return currentBoss().send(job.name, data, {
    db: onKysely(dbOrTrx),
    ...(singletonKey ? { singletonKey } : {}),
    ...(opts.startAfter === undefined ? {} : { startAfter: opts.startAfter }),
  });
}
