// The first schema: workspaces, users, API keys, touchpoints, surveys, companies, contacts, responses and
// their daily rollups, with the constraints that keep every row inside its workspace.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Every table is keyed by workspace_id (tenancy; lets a sharded PostgreSQL distribute by it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table workspaces (
      id uuid primary key,
      name text not null check (length(name) between 1 and 200),
      default_locale text not null default 'ja' check (default_locale in ('ja', 'en')),
      time_zone text not null default 'Asia/Tokyo',
      is_default boolean not null default false,
      created_at timestamptz not null default now()
    );
    create unique index workspaces_one_default on workspaces (is_default) where is_default;

    create table users (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      email text not null check (email = lower(email) and length(email) <= 320),
      name text not null default '',
      password_hash text not null,
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, email)
    );

    create table api_keys (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      name text not null default '',
      key_hash text not null,
      prefix text not null,
      role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (workspace_id, id),
      unique (workspace_id, key_hash)
    );
    create index api_keys_by_hash on api_keys (key_hash);

    create table touchpoints (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('product', 'support', 'sales', 'marketing', 'onboarding', 'billing', 'other')),
      channel text not null check (channel in ('email', 'chat', 'phone', 'web', 'in_app', 'in_person', 'other')),
      team text check (length(team) <= 200),
      journey_stage text check (journey_stage in ('awareness', 'consideration', 'purchase', 'onboarding', 'adoption', 'support', 'renewal', 'advocacy')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, name)
    );

    create table surveys (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('nps', 'csat', 'ces')),
      question jsonb not null,
      follow_ups jsonb not null default '{}',
      default_locale text not null check (default_locale in ('ja', 'en')),
      status text not null default 'draft' check (status in ('draft', 'active', 'closed')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );

    create table companies (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      name text not null check (length(name) between 1 and 200),
      domain text,
      external_id text,
      attributes jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, external_id)
    );

    create table contacts (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      email text check (email = lower(email)),
      name text,
      locale text check (locale in ('ja', 'en')),
      time_zone text,
      external_id text,
      company_id uuid,
      attributes jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, email),
      unique (workspace_id, external_id),
      foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete set null (company_id)
    );

    create table responses (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      survey_id uuid not null,
      contact_id uuid,
      touchpoint_id uuid,
      channel text not null check (channel in ('email', 'chat', 'phone', 'web', 'in_app', 'in_person', 'other')),
      score smallint not null check (score between 0 and 10),
      segment text not null check (segment in ('detractor', 'passive', 'promoter', 'unhappy', 'neutral', 'happy')),
      comment text check (length(comment) <= 5000),
      locale text check (locale in ('ja', 'en')),
      metadata jsonb not null default '{}',
      source text not null check (source in ('email', 'link', 'widget', 'api', 'import')),
      created_at timestamptz not null,
      primary key (workspace_id, id),
      foreign key (workspace_id, survey_id) references surveys (workspace_id, id),
      foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete set null (contact_id),
      foreign key (workspace_id, touchpoint_id) references touchpoints (workspace_id, id)
    );
    create index responses_by_time on responses (workspace_id, created_at desc, id desc);
    create index responses_by_contact on responses (workspace_id, contact_id, created_at) where contact_id is not null;

    -- Daily counts per score: every report reads these, never the raw responses.
    -- touchpoint_id uses the nil uuid for "no touchpoint" because a primary key cannot hold NULL.
    -- slot spreads single answers over several rows so concurrent confirms don't queue on one hot row;
    -- reports sum over slots.
    create table response_rollups (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      survey_id uuid not null,
      survey_kind text not null check (survey_kind in ('nps', 'csat', 'ces')),
      day date not null,
      touchpoint_id uuid not null,
      channel text not null,
      slot smallint not null default 0,
      n integer not null,
      c0 integer not null default 0, c1 integer not null default 0, c2 integer not null default 0,
      c3 integer not null default 0, c4 integer not null default 0, c5 integer not null default 0,
      c6 integer not null default 0, c7 integer not null default 0, c8 integer not null default 0,
      c9 integer not null default 0, c10 integer not null default 0,
      primary key (workspace_id, survey_kind, day, survey_id, touchpoint_id, channel, slot),
      check (n = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10)
    );
  `,
  );
}
