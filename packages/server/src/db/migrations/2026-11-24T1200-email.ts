// Email: workspace settings, campaigns and their contacts, the delivery ledger of messages, suppressions.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Email distribution: campaigns, the delivery ledger (one row per message: send × step, the
// idempotency record of crash-safe sending), the outbox, suppressions, follow-up cases (only what the
// fatigue rule needs), trigger rules and the events they match.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    -- Branding, sender and fatigue rules (domain/workspaces/workspace-settings.ts).
    alter table workspaces add column settings jsonb not null default '{}';

    create table campaigns (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      name text not null check (length(name) between 1 and 200),
      survey_id uuid not null,
      touchpoint_id uuid,
      audience jsonb not null,
      schedule jsonb not null,
      reminders jsonb not null default '{"count":0,"afterDays":3}',
      status text not null check (status in ('draft', 'scheduled', 'running', 'paused', 'cancelled', 'done')),
      next_run_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, survey_id) references surveys (workspace_id, id),
      foreign key (workspace_id, touchpoint_id) references touchpoints (workspace_id, id)
    );
    create index campaigns_due on campaigns (next_run_at) where status in ('scheduled', 'running');

    -- An audience given as a list of ids or an uploaded CSV.
    create table campaign_contacts (
      workspace_id uuid not null,
      campaign_id uuid not null,
      contact_id uuid not null,
      primary key (workspace_id, campaign_id, contact_id),
      foreign key (workspace_id, campaign_id) references campaigns (workspace_id, id) on delete cascade,
      foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
    );

    alter table sends add column campaign_id uuid;
    alter table sends add foreign key (workspace_id, campaign_id) references campaigns (workspace_id, id) on delete set null (campaign_id);
    -- When the send's first message went out: the clock of the fatigue rules.
    alter table sends add column surveyed_at timestamptz;
    create index sends_by_contact on sends (workspace_id, contact_id, surveyed_at) where surveyed_at is not null;
    -- A recurring campaign surveys a contact again only in a later round.
    alter table sends add column round integer not null default 0;
    create unique index sends_one_per_campaign_round on sends (workspace_id, campaign_id, round, contact_id)
      where campaign_id is not null;

    -- One row per message: the send's first message (step 0) and its reminders (1, 2).
    -- queued → sending (claimed, not yet at the end of the SMTP DATA) → committing (about to send the
    -- end of data) → sent; or failed / skipped with the reason.
    create table deliveries (
      workspace_id uuid not null,
      id uuid not null,
      send_id uuid not null,
      step smallint not null check (step between 0 and 2),
      status text not null check (status in ('queued', 'sending', 'committing', 'sent', 'failed', 'skipped')),
      reason text,
      attempts integer not null default 0,
      due_at timestamptz not null,
      lease_until timestamptz,
      message_id text not null,
      error text check (length(error) <= 2000),
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      primary key (workspace_id, id),
      unique (workspace_id, send_id, step),
      foreign key (workspace_id, send_id) references sends (workspace_id, id) on delete cascade
    );
    create index deliveries_due on deliveries (due_at) where status = 'queued';
    create index deliveries_leased on deliveries (lease_until) where status in ('sending', 'committing');

    -- Mail kept instead of sent when no SMTP server is configured.
    create table outbox (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      message_id text not null,
      to_address text not null,
      subject text not null,
      html text not null,
      text text not null,
      headers jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, message_id)
    );

    create table suppressions (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      email text not null check (email = lower(email)),
      reason text not null check (reason in ('unsubscribed', 'bounced', 'complained', 'manual')),
      source text check (length(source) <= 200),
      created_at timestamptz not null default now(),
      primary key (workspace_id, email)
    );

    create table cases (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      contact_id uuid,
      response_id uuid,
      status text not null check (status in ('open', 'closed')),
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      primary key (workspace_id, id),
      foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
    );
    create index cases_open_by_contact on cases (workspace_id, contact_id) where status = 'open';

    create table triggers (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      name text not null check (length(name) between 1 and 200),
      event_type text not null check (length(event_type) between 1 and 100),
      conditions jsonb not null default '{}',
      delay_seconds integer not null default 0 check (delay_seconds between 0 and 2592000),
      survey_id uuid not null,
      touchpoint_id uuid,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, survey_id) references surveys (workspace_id, id),
      foreign key (workspace_id, touchpoint_id) references touchpoints (workspace_id, id)
    );
    create index triggers_by_type on triggers (workspace_id, event_type) where active;

    -- Events received from the customer's systems; the caller's id makes a retry harmless.
    create table events (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id text not null check (length(id) between 1 and 200),
      type text not null check (length(type) between 1 and 100),
      contact_id uuid,
      touchpoint_id uuid,
      metadata jsonb not null default '{}',
      send_ids jsonb not null default '[]',
      received_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
  `,
  );
}
