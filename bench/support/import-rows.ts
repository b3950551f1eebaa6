// The rows of the import bench: a realistic workspace (surveys, touchpoints, contacts) and batches
// generated from a seed, both as the API body and as prepared rows for a bare INSERT.
import { sql } from "kysely";
import { createApiKey } from "../../packages/server/src/domain/auth/api-keys.ts";
import { newId } from "../../packages/server/src/domain/ids.ts";
import { segmentOf, type SurveyKind } from "../../packages/server/src/domain/scores/scales.ts";
import { createSurvey } from "../../packages/server/src/domain/surveys/surveys.ts";
import { createTouchpoint } from "../../packages/server/src/domain/touchpoints/touchpoints.ts";
import { createWorkspace } from "../../packages/server/src/domain/workspaces/workspaces.ts";
import type { Db } from "../../packages/server/src/db/open.ts";
import { comment, pick, scoreWeights, seeded, weighted, type Random } from "./random.ts";

export const BATCH_SIZE = 10_000;
const CONTACTS = 20_000;
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 548; // 18 months

const surveyDefs = [
  { name: "Relationship NPS", kind: "nps", weight: 45 },
  { name: "Support NPS", kind: "nps", weight: 25 },
  { name: "Support CSAT", kind: "csat", weight: 20 },
  { name: "Onboarding CES", kind: "ces", weight: 10 },
] as const;

const touchpointDefs = [
  { name: "Product", kind: "product", channel: "in_app", weight: 30 },
  { name: "Support (phone)", kind: "support", channel: "phone", weight: 12 },
  { name: "Support (email)", kind: "support", channel: "email", weight: 12 },
  { name: "Support (chat)", kind: "support", channel: "chat", weight: 12 },
  { name: "Sales", kind: "sales", channel: "in_person", weight: 8 },
  { name: "Webinar", kind: "marketing", channel: "web", weight: 6 },
  { name: "Onboarding", kind: "onboarding", channel: "email", weight: 6 },
  { name: "Billing", kind: "billing", channel: "email", weight: 4 },
] as const;
const NO_TOUCHPOINT_WEIGHT = 10; // share of rows with no touchpoint, channel given in the row

export interface Fixture {
  workspaceId: string;
  key: string;
  surveys: { id: string; kind: SurveyKind }[];
  touchpoints: { id: string; channel: string }[];
  contacts: string[];
}

export async function createFixture(db: Db): Promise<Fixture> {
  const workspaceId = await createWorkspace(db, { name: "Bench import", timeZone: "Asia/Tokyo" });
  const { key } = await createApiKey(db, workspaceId, { role: "owner", name: "bench" });
  const surveys = [];
  for (const s of surveyDefs) {
    const question = { ja: `${s.name}について教えてください`, en: `Tell us about ${s.name}` };
    const created = await createSurvey(db, workspaceId, {
      name: s.name,
      kind: s.kind,
      question,
      followUps: {},
      defaultLocale: "ja",
      status: "active",
    });
    surveys.push({ id: created.id, kind: created.kind });
  }
  const touchpoints = [];
  for (const t of touchpointDefs) {
    const created = await createTouchpoint(db, workspaceId, {
      name: t.name,
      kind: t.kind,
      channel: t.channel,
    });
    touchpoints.push({ id: created.id, channel: created.channel as string });
  }
  const { rows } = await sql<{ id: string }>`
    insert into contacts (workspace_id, id, email, name, locale, time_zone)
    select ${workspaceId}::uuid, gen_random_uuid(), 'contact' || g || '@example.com', 'Contact ' || g,
           case when g % 5 < 3 then 'ja' else 'en' end, 'Asia/Tokyo'
    from generate_series(1, ${CONTACTS}) g
    returning id`.execute(db);
  return { workspaceId, key, surveys, touchpoints, contacts: rows.map((r) => r.id) };
}

/** A value in COPY's text format. */
const copyField = (v: string | null): string =>
  v === null
    ? "\\N"
    : v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c);

/**
 * One batch as the API body (camelCase), as prepared rows for the bare INSERT and as the same prepared
 * rows in COPY's text format for the bare COPY (columns of `bareCopy`).
 */
export function buildBatch(
  f: Fixture,
  batch: number,
  now: number,
): { api: string; bare: string; copy: string } {
  const random: Random = seeded(1000 + batch);
  const api: object[] = [];
  const bare: object[] = [];
  let copy = "";
  for (let i = 0; i < BATCH_SIZE; i++) {
    const s = weighted(
      random,
      surveyDefs.map((d) => d.weight),
    );
    const survey = f.surveys[s] as Fixture["surveys"][number];
    const t = weighted(random, [...touchpointDefs.map((d) => d.weight), NO_TOUCHPOINT_WEIGHT]);
    const touchpoint = f.touchpoints[t];
    const channel = touchpoint ? undefined : pick(random, ["email", "web", "other"] as const);
    const score = weighted(random, scoreWeights[survey.kind]);
    const locale = random() < 0.6 ? "ja" : "en";
    const text = random() < 0.3 ? comment(random, locale) : undefined;
    const contactId = random() < 0.5 ? pick(random, f.contacts) : undefined;
    const metadata =
      random() < 0.4
        ? { plan: pick(random, ["basic", "pro", "enterprise"]), seats: 1 + Math.floor(random() * 500) }
        : undefined;
    const createdAt = new Date(now - Math.floor(random() * HISTORY_DAYS * DAY_MS)).toISOString();
    api.push({
      surveyId: survey.id,
      score,
      ...(touchpoint ? { touchpointId: touchpoint.id } : { channel }),
      ...(contactId ? { contactId } : {}),
      ...(text ? { comment: text } : {}),
      locale,
      ...(metadata ? { metadata } : {}),
      source: "import",
      createdAt,
    });
    const id = newId();
    const segment = segmentOf(survey.kind, score);
    copy +=
      [
        f.workspaceId,
        id,
        survey.id,
        contactId ?? null,
        touchpoint?.id ?? null,
        touchpoint?.channel ?? channel ?? null,
        String(score),
        segment,
        text ?? null,
        locale,
        JSON.stringify(metadata ?? {}),
        "import",
        createdAt,
      ]
        .map(copyField)
        .join("\t") + "\n";
    bare.push({
      id,
      survey_id: survey.id,
      contact_id: contactId ?? null,
      touchpoint_id: touchpoint?.id ?? null,
      channel: touchpoint?.channel ?? channel,
      score,
      segment,
      comment: text ?? null,
      locale,
      metadata: metadata ?? {},
      source: "import",
      created_at: createdAt,
    });
  }
  return { api: JSON.stringify(api), bare: JSON.stringify(bare), copy };
}

/** The bare INSERT of prepared rows ($1 workspace, $2 JSON array): no validation, no rollups. */
export const bareInsert = `
  insert into responses (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, score, segment,
                         comment, locale, metadata, source, created_at)
  select $1::uuid, r.id, r.survey_id, r.contact_id, r.touchpoint_id, r.channel, r.score, r.segment,
         r.comment, r.locale, coalesce(r.metadata, '{}'), r.source, r.created_at
  from jsonb_to_recordset($2::jsonb) as r(id uuid, survey_id uuid, contact_id uuid, touchpoint_id uuid,
       channel text, score smallint, segment text, comment text, locale text, metadata jsonb, source text,
       created_at timestamptz)`;

/** The bare COPY of prepared rows (the text of `buildBatch`): no validation, no rollups. */
export const bareCopy = `copy responses (workspace_id, id, survey_id, contact_id, touchpoint_id, channel, score, segment,
  comment, locale, metadata, source, created_at) from stdin`;
