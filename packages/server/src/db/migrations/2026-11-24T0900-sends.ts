// Sends with their personal links, intents (score clicks not yet confirmed) and a response's send,
// contact preference and testimonial consent; survey landing-page settings.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Personal links (sends), score clicks not yet confirmed by a person (intents), and what a
// respondent adds on the landing page.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table surveys add column settings jsonb not null default '{}';
    -- Link surveys are addressed by survey id alone (/s/:surveyId).
    create index surveys_by_id on surveys (id);

    create table sends (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      survey_id uuid not null,
      contact_id uuid,
      touchpoint_id uuid,
      channel text not null check (channel in ('email', 'chat', 'phone', 'web', 'in_app', 'in_person', 'other')),
      metadata jsonb not null default '{}',
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, survey_id) references surveys (workspace_id, id),
      foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete set null (contact_id),
      foreign key (workspace_id, touchpoint_id) references touchpoints (workspace_id, id)
    );

    create table intents (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      send_id uuid not null,
      score smallint not null check (score between 0 and 10),
      verdict text not null check (verdict in ('pending', 'bot', 'confirmed')),
      reason text,
      user_agent text check (length(user_agent) <= 500),
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, send_id) references sends (workspace_id, id) on delete cascade
    );
    create index intents_by_send on intents (workspace_id, send_id, created_at);

    alter table responses add column send_id uuid;
    alter table responses add column contact_preference text check (contact_preference in ('email', 'phone', 'none'));
    alter table responses add column testimonial_consent_text text check (length(testimonial_consent_text) <= 1000);
    alter table responses add column testimonial_consent_at timestamptz;
    alter table responses add column updated_at timestamptz;
    alter table responses add foreign key (workspace_id, send_id) references sends (workspace_id, id);
    create unique index responses_one_per_send on responses (workspace_id, send_id) where send_id is not null;
  `,
  );
}
