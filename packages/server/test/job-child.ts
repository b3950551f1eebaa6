// A job runner in a child process, for the test that kills a worker in the middle of a job
// (src/jobs/runner.test.ts): it enqueues one job in a committed transaction, works it, and stops inside
// the handler's open transaction, saying so on stdout, until the test SIGKILLs it.
// Run as: node --import tsx test/job-child.ts (DATABASE_URL, or KOE_DATA_DIR for the embedded database)
import { openDatabase } from "../src/db/open.ts";
import { enqueue } from "../src/jobs/enqueue.ts";
import { startRunner } from "../src/jobs/runner.ts";
import { outboxMailer } from "../src/channels/email/outbox-mailer.ts";
import { effectTable, killableJob } from "./jobs.ts";

const open = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.KOE_DATA_DIR!,
});
await effectTable(open.db);
const job = killableJob(process.env.JOB_NAME!, async () => {
  process.stdout.write("inside the handler\n");
  await new Promise(() => {}); // until killed
});
await startRunner({
  jobs: [job],
  services: {
    db: open.db,
    mailer: outboxMailer(open.db),
    links: { secret: "x".repeat(32), baseUrl: "http://koe.test" },
    config: { mailLeaseSeconds: 60, parallelExpansion: false },
  },
  onError: (e) => process.stderr.write(`${String(e)}\n`),
});
const id = await open.db.transaction().execute((trx) => enqueue(trx, job, { key: "killed-mid-run" }));
process.stdout.write(`enqueued ${id}\n`);
