// Durable domain events and, per subscriber, which events it has handled, retried or given up on.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Durable domain events (domain/events/): each change's event, written in the change's transaction, and
// each subscriber's handling of it. An event's id is allocated after its subject row is written, so a
// subject's events are numbered in commit order; tx_id (the writing transaction) lets the dispatcher tell
// which events can no longer appear below its horizon, so a late commit with a smaller id is not skipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table domain_events (
      id bigint generated always as identity primary key,
      workspace_id uuid not null references workspaces (id) on delete cascade,
      type text not null,
      subject_id uuid not null,
      payload jsonb not null default '{}',
      created_at timestamptz not null default now(),
      tx_id xid8 not null default pg_current_xact_id()
    );
    -- The dispatcher's scan. The only other index is the key: each one more would cost every answer's
    -- commit (docs/PERFORMANCE.md); a reader by subject or workspace adds its own when it comes.
    create index domain_events_by_tx on domain_events (tx_id);

    -- Per subscriber: every event written by a transaction older than horizon has been looked at (handled,
    -- dead, or waiting in event_deliveries).
    create table event_subscribers (
      name text primary key,
      horizon xid8 not null default '0',
      updated_at timestamptz not null default now()
    );

    -- Which subscriber handled which event (written in the handler's own transaction), and the ones still
    -- to retry or given up on, with the last error for operators.
    create table event_deliveries (
      subscriber text not null,
      event_id bigint not null references domain_events (id) on delete cascade,
      state text not null check (state in ('handled', 'retry', 'dead')),
      attempts int not null default 0,
      last_error text,
      next_attempt_at timestamptz,
      updated_at timestamptz not null,
      primary key (subscriber, event_id)
    );
    create index event_deliveries_open on event_deliveries (subscriber, event_id) where state <> 'handled';
  `,
  );
}
