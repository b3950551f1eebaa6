// pg-boss opened on Koe's database: on PostgreSQL through a small pool of its own, on the embedded PGlite
// through the same mutex as Kysely (db/pglite-dialect.ts), so a pg-boss statement never lands inside
// another caller's transaction on the one connection. One boss per process, found by enqueue.ts.
import type { ConstructorOptions, Db as BossDatabase, PgBoss, PGliteLike } from "pg-boss";
import { systemClock, type Clock } from "../clock.ts";
import { embeddedOf, poolOf, type Db } from "../db/open.ts";

/** The schema pg-boss keeps its tables in. */
export const JOB_SCHEMA = "pgboss";

/**
 * pg-boss's statements on the embedded database, each run while holding Kysely's connection: a
 * transaction open in Kysely finishes first, and none opens while a pg-boss statement (or its
 * BEGIN … COMMIT block) runs.
 */
function embeddedBossDatabase(db: Db, fromPglite: (pglite: PGliteLike) => BossDatabase): BossDatabase {
  const pglite = embeddedOf(db);
  if (!pglite) throw new Error("not an embedded database");
  const inner = fromPglite(pglite);
  const held = <T>(fn: () => Promise<T>): Promise<T> => db.connection().execute(() => fn());
  return {
    executeSql: (text, values) => held(() => inner.executeSql(text, values)),
    // A TestClock's session setting: PGlite is one session, so once is enough.
    setSessionStatements: (statements) => held(() => inner.setSessionStatements!(statements)),
  };
}

export interface BossOptions {
  clock?: Clock;
  /** Expire, retry and delete jobs (maintenance); off for a process that only enqueues or lists. */
  supervise?: boolean;
  /** Run cron schedules. */
  schedule?: boolean;
  /** Record this process in pg-boss's instance registry (a runner); off for a one-off command. */
  registerInstance?: boolean;
}

/** Starts pg-boss on the database, installing or migrating its schema when needed. */
export async function openBoss(db: Db, opts: BossOptions = {}): Promise<PgBoss> {
  // Loaded here, not with the HTTP app: the server answers its first request without it.
  const { PgBoss, fromPglite } = await import("pg-boss");
  const pool = poolOf(db);
  const connection: Partial<ConstructorOptions> = pool
    ? // Its own few connections: LISTEN-free, but a TestClock's session setting must reach each one.
      { connectionString: pool.options.connectionString, max: 3 }
    : { db: embeddedBossDatabase(db, fromPglite), backend: "pglite" };
  const supervise = opts.supervise ?? true;
  const boss = new PgBoss({
    ...connection,
    schema: JOB_SCHEMA,
    clock: opts.clock ?? systemClock,
    supervise,
    schedule: opts.schedule ?? supervise,
    migrate: true,
    registerInstance: opts.registerInstance ?? supervise,
    // Expired runs (a killed worker) are found within this; the default minute would hold a
    // singleton queue that long after a crash.
    superviseIntervalSeconds: 15,
    // Koe's operators read jobs through `koe jobs` and the API; no pg-boss statistics tables.
    persistQueueStats: false,
    persistWarnings: false,
    openTelemetry: { enabled: false },
  });
  boss.on("error", (e: unknown) => bossErrors.forEach((f) => f(e)));
  await boss.start();
  return boss;
}

/** Installs (or migrates) pg-boss's schema and leaves: for `koe migrate` and the tests' prepared database. */
export async function installJobSchema(db: Db): Promise<void> {
  const boss = await openBoss(db, { supervise: false });
  await boss.stop({ graceful: false });
}

const bossErrors = new Set<(e: unknown) => void>();
/** Where pg-boss's background errors (a failed poll or maintenance pass) go; returns the remover. */
export function onBossError(f: (e: unknown) => void): () => void {
  bossErrors.add(f);
  return () => bossErrors.delete(f);
}

let processBoss: { db: Db; boss: PgBoss } | undefined;

/** Makes this boss the one enqueue() uses in this process (a process has one database). */
export function useBoss(db: Db, boss: PgBoss): () => void {
  processBoss = { db, boss };
  return () => {
    if (processBoss?.boss === boss) processBoss = undefined;
  };
}

/** The process's boss, or an error naming what to start. */
export function currentBoss(): PgBoss {
  if (!processBoss) throw new Error("the job queue is not open in this process (start the job runner)");
  return processBoss.boss;
}
