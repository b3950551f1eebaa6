// Contact CSV imports (domain/contacts/import-*.ts): the uploaded file kept server-side between its preview
// and its run (so the run does not upload it again), the run's progress that the admin app polls, and
// every bad row with its line, column and reason for the downloadable error report.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table contact_imports (
      workspace_id uuid not null references workspaces (id) on delete cascade,
      id uuid not null,
      file_name text not null default '' check (char_length(file_name) <= 255),
      source text not null check (source in ('upload', 'cli')),
      -- The file as uploaded; cleared once the run is done (its bad rows stay in contact_import_errors).
      file bytea,
      byte_size bigint not null check (byte_size >= 0),
      encoding text not null,
      columns jsonb not null check (jsonb_typeof(columns) = 'array'),
      preview jsonb not null default '[]' check (jsonb_typeof(preview) = 'array'),
      total_rows int,
      mapping jsonb,
      status text not null check (status in ('uploaded', 'queued', 'running', 'done', 'failed')),
      rows_done int not null default 0,
      created_count int not null default 0,
      updated_count int not null default 0,
      unchanged_count int not null default 0,
      failed_count int not null default 0,
      error text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz,
      primary key (workspace_id, id)
    );
    create index contact_imports_by_time on contact_imports (workspace_id, created_at desc, id desc);
    create table contact_import_errors (
      workspace_id uuid not null,
      import_id uuid not null,
      line int not null,
      n smallint not null,
      column_name text not null,
      -- What is wrong, as a code (import-reasons.ts words it in Japanese or English) and its detail.
      reason text not null,
      detail text not null default '',
      -- The row's cells as read, for the error report (a person fixes them there and imports again).
      record jsonb not null check (jsonb_typeof(record) = 'array'),
      primary key (workspace_id, import_id, line, n),
      foreign key (workspace_id, import_id) references contact_imports (workspace_id, id) on delete cascade
    );
  `,
  );
}
