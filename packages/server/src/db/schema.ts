// Row types of every table, as Kysely sees them.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { IntentVerdict, Locale, Role, SurveyStatus } from "../shared/index.ts";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type { Locale, Role, SurveyStatus };
type LocaleText = Partial<Record<Locale, string>>;
/** Per-survey landing-page options (see domain/surveys/survey-schema.ts). */
export interface SurveySettingsJson {
  /** A plain string (before names per language: every language) or a name per language. */
  brandName?: string | LocaleText;
  ctas?: Partial<Record<string, { label: LocaleText; url: string }>>;
  reviewInvite?: { label: LocaleText; url: string };
  askContactPreference?: boolean;
  askTestimonial?: boolean;
  /** At most one survey per this many days for this survey's sends (overrides the workspace's). */
  fatigueDays?: number;
}
/** Workspace-wide options (see domain/workspaces/workspace-settings.ts). */
export interface WorkspaceSettingsJson {
  /** name: a plain string (before names per language: every language) or a name per language. */
  brand?: { name?: string | LocaleText; logoUrl?: string; color?: string };
  /** Sender shown in survey emails and the contact address 特定電子メール法 asks for. */
  sender?: { name?: string; address?: string; postalAddress?: string };
  fatigue?: { days?: number; quietStart?: string; quietEnd?: string };
  /** Origins that may frame the survey pages (CSP frame-ancestors). */
  embed?: { origins?: string[] };
}
export type Attributes = Record<string, string | number | boolean | null>;

export interface WorkspaceTable {
  id: string;
  name: string;
  default_locale: Generated<Locale>;
  time_zone: Generated<string>;
  is_default: Generated<boolean>;
  /** A demo workspace (seeded by `koe serve --demo` or `koe seed-demo`; `koe demo remove` deletes them). */
  is_demo: Generated<boolean>;
  settings: ColumnType<WorkspaceSettingsJson, string | undefined, string>;
  created_at: CreatedAt;
}

/** An account of the installation (one per email); its workspaces and roles are its memberships. */
export interface UserTable {
  id: string;
  email: string;
  name: Generated<string>;
  password_hash: string;
  /** May create, rename and delete workspaces (the first owner, `koe admin create`). */
  is_instance_owner: Generated<boolean>;
  /** Where the user's next sign-in starts (the workspace they last switched to). */
  last_workspace_id: string | null;
  created_at: CreatedAt;
}

export interface MembershipTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: CreatedAt;
}

export interface SessionTable {
  /** The workspace the session is in now (one its user is a member of; switchable). */
  workspace_id: string;
  id: string;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date | string;
}

export interface ApiKeyTable {
  workspace_id: string;
  id: string;
  name: Generated<string>;
  key_hash: string;
  prefix: string;
  role: Role;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface TouchpointTable {
  workspace_id: string;
  id: string;
  name: string;
  kind: string;
  channel: string;
  team: string | null;
  journey_stage: string | null;
  /** Archived: kept with its answers and reports, offered for no new campaign or trigger. */
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SurveyTable {
  workspace_id: string;
  id: string;
  name: string;
  kind: "nps" | "csat" | "ces";
  question: Json<Partial<Record<Locale, string>>>;
  follow_ups: Json<Partial<Record<string, Partial<Record<Locale, string>>>>>;
  default_locale: Locale;
  status: Generated<SurveyStatus>;
  settings: ColumnType<SurveySettingsJson, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CompanyTable {
  workspace_id: string;
  id: string;
  name: string;
  domain: string | null;
  external_id: string | null;
  attributes: Json<Attributes>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ContactTable {
  workspace_id: string;
  id: string;
  email: string | null;
  name: string | null;
  locale: Locale | null;
  time_zone: string | null;
  external_id: string | null;
  company_id: string | null;
  attributes: Json<Attributes>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  /** A JSON array of tag strings. */
  tags: ColumnType<string[], string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type ContactImportStatus = "uploaded" | "queued" | "running" | "done" | "failed";

/** A contact CSV import (domain/contacts/import-*.ts): its file until run, its progress and counts. */
export interface ContactImportTable {
  workspace_id: string;
  id: string;
  file_name: string;
  source: "upload" | "cli";
  file: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  byte_size: number;
  encoding: string;
  columns: Json<string[]>;
  /** The first rows' cells, for the mapping step. */
  preview: Json<string[][]>;
  total_rows: number | null;
  mapping: ColumnType<unknown, string | null | undefined, string | null>;
  status: ContactImportStatus;
  rows_done: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  failed_count: Generated<number>;
  error: string | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** One bad cell (or row) of an import, with the row's cells for the error report. */
export interface ContactImportErrorTable {
  workspace_id: string;
  import_id: string;
  line: number;
  n: number;
  column_name: string;
  reason: string;
  detail: ColumnType<string, string | undefined, string>;
  record: Json<string[]>;
}

export interface ContactNoteTable {
  workspace_id: string;
  id: string;
  contact_id: string;
  author_user_id: string | null;
  author_name: string;
  body: string;
  created_at: CreatedAt;
}

export interface ResponseTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  contact_id: string | null;
  touchpoint_id: string | null;
  channel: string;
  score: number;
  segment: string;
  comment: string | null;
  locale: Locale | null;
  metadata: Json<Attributes>;
  source: "email" | "link" | "widget" | "api" | "import";
  created_at: ColumnType<Date, Date | string, never>;
  send_id: ColumnType<string | null, string | null | undefined, never>;
  contact_preference: ColumnType<"email" | "phone" | "none" | null, string | null | undefined, string | null>;
  testimonial_consent_text: ColumnType<string | null, string | null | undefined, string | null>;
  testimonial_consent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SendTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  contact_id: string | null;
  touchpoint_id: string | null;
  channel: string;
  metadata: Json<Attributes>;
  expires_at: Date;
  created_at: CreatedAt;
  campaign_id: ColumnType<string | null, string | null | undefined, string | null>;
  surveyed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  round: Generated<number>;
}

export type DeliveryStatus = "queued" | "sending" | "committing" | "sent" | "failed" | "skipped";

export interface DeliveryTable {
  workspace_id: string;
  id: string;
  send_id: string;
  step: number;
  status: DeliveryStatus;
  reason: string | null;
  attempts: Generated<number>;
  due_at: ColumnType<Date, Date | string, Date | string>;
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  message_id: string;
  error: string | null;
  created_at: CreatedAt;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type CampaignStatus = "draft" | "scheduled" | "running" | "paused" | "cancelled" | "done";

export interface CampaignTable {
  workspace_id: string;
  id: string;
  name: string;
  survey_id: string;
  touchpoint_id: string | null;
  audience: Json<Record<string, unknown>>;
  schedule: Json<Record<string, unknown>>;
  reminders: ColumnType<{ count: number; afterDays: number }, string | undefined, string>;
  status: CampaignStatus;
  round: Generated<number>;
  expand_after: string | null;
  expanded: Generated<boolean>;
  launched_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  next_run_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CampaignContactTable {
  workspace_id: string;
  campaign_id: string;
  contact_id: string;
}

export interface OutboxTable {
  workspace_id: string;
  id: string;
  message_id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: Json<Record<string, string>>;
  created_at: CreatedAt;
  /** Which transport took it: the outbox kept it instead of sending; SMTP sent it after this copy. */
  transport: Generated<"outbox" | "smtp">;
  /** A provider's report after it left (suppression webhook). */
  outcome: ColumnType<"bounced" | "complained" | null, "bounced" | "complained" | null | undefined>;
  outcome_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  outcome_source: ColumnType<string | null, string | null | undefined>;
}

export type SuppressionReason = "unsubscribed" | "bounced" | "complained" | "manual";

export interface SuppressionTable {
  workspace_id: string;
  email: string;
  reason: SuppressionReason;
  source: string | null;
  created_at: CreatedAt;
  note: ColumnType<string | null, string | null | undefined>;
}

export interface CaseTable {
  workspace_id: string;
  id: string;
  contact_id: string | null;
  response_id: string | null;
  status: "open" | "closed";
  created_at: CreatedAt;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface TriggerTable {
  workspace_id: string;
  id: string;
  name: string;
  event_type: string;
  conditions: Json<Record<string, unknown>>;
  delay_seconds: Generated<number>;
  survey_id: string;
  touchpoint_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface EventTable {
  workspace_id: string;
  id: string;
  type: string;
  contact_id: string | null;
  touchpoint_id: string | null;
  metadata: Json<Attributes>;
  send_ids: Json<string[]>;
  received_at: CreatedAt;
}

export interface IntentTable {
  workspace_id: string;
  id: string;
  send_id: string;
  score: number;
  verdict: IntentVerdict;
  reason: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
}

/** A follow of a personal link's hidden trap link. */
export interface TrapHitTable {
  workspace_id: string;
  id: string;
  send_id: string;
  created_at: CreatedAt;
}

export interface RollupTable {
  workspace_id: string;
  survey_id: string;
  survey_kind: string;
  day: string;
  touchpoint_id: string;
  channel: string;
  slot: number;
  n: number;
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  c6: number;
  c7: number;
  c8: number;
  c9: number;
  c10: number;
}

/** The installation's secrets (not a workspace's): see the instance-state migration. */
export interface InstanceSecretTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

/** Facts about the installation, e.g. that its demo was removed (so --demo does not seed it again). */
export interface InstanceFlagTable {
  name: string;
  set_at: CreatedAt;
}

/** Who did what to which record: privacy requests (export, erase) and other changes to account for. */
export interface AuditLogTable {
  workspace_id: string;
  id: string;
  at: ColumnType<Date, Date | string, never>;
  actor_kind: "user" | "api_key" | "cli" | "system";
  actor_id: string | null;
  actor_name: ColumnType<string, string | undefined, never>;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** Rate-limit hits per limit, client address and window, shared by every process. */
export interface RateLimitHitTable {
  bucket: string;
  client: string;
  window_start: Date;
  hits: number;
}

export interface Database {
  workspaces: WorkspaceTable;
  users: UserTable;
  memberships: MembershipTable;
  instance_flags: InstanceFlagTable;
  api_keys: ApiKeyTable;
  sessions: SessionTable;
  touchpoints: TouchpointTable;
  surveys: SurveyTable;
  companies: CompanyTable;
  contacts: ContactTable;
  contact_notes: ContactNoteTable;
  contact_imports: ContactImportTable;
  contact_import_errors: ContactImportErrorTable;
  responses: ResponseTable;
  response_rollups: RollupTable;
  sends: SendTable;
  intents: IntentTable;
  trap_hits: TrapHitTable;
  campaigns: CampaignTable;
  campaign_contacts: CampaignContactTable;
  deliveries: DeliveryTable;
  outbox: OutboxTable;
  suppressions: SuppressionTable;
  cases: CaseTable;
  triggers: TriggerTable;
  events: EventTable;
  instance_secrets: InstanceSecretTable;
  rate_limit_hits: RateLimitHitTable;
  audit_log: AuditLogTable;
}

export type SurveyRow = Selectable<SurveyTable>;
export type TouchpointRow = Selectable<TouchpointTable>;
export type ContactRow = Selectable<ContactTable>;
export type CompanyRow = Selectable<CompanyTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type SendRow = Selectable<SendTable>;
