// State shared by every process: the signing secret and the public pages' rate-limit counts.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// State that several Koe processes on one database must share, so it lives in the database.
//
// Both tables belong to the installation, not to a workspace: the exception to "every table has
// workspace_id". The signing secret signs links and form tokens of every workspace (a token names its
// workspace only once its signature is checked). A rate limit counts a client address before any
// workspace is known (the limiter runs before a page resolves its token or survey), and protects the
// whole instance. On a sharded PostgreSQL they would be reference (or coordinator-local) tables.
//
// instance_secrets: one row per secret, created once (insert … on conflict do nothing) by the first
// process to start. rate_limit_hits: hits per limit × client address × fixed window, added to by each
// process every second or so and deleted once their window is over.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table instance_secrets (
      name text primary key,
      value text not null check (length(value) >= 32),
      created_at timestamptz not null default now()
    );
    create table rate_limit_hits (
      bucket text not null,
      client text not null,
      window_start timestamptz not null,
      hits integer not null check (hits > 0),
      primary key (bucket, client, window_start)
    );
    `,
  );
}
