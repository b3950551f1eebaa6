// Everything a personal-link page needs about its send, read in one query (the confirm hot path).
import { sql } from "kysely";
import { groupedOnDb } from "../../db/grouped.ts";
import type { Db } from "../../db/open.ts";
import type { Locale, SendRow, SurveyRow, WorkspaceSettingsJson } from "../../db/schema.ts";
import type { AnswerTarget } from "../responses/answer.ts";
import { resolveBrands, type Brands } from "../workspaces/brand.ts";
import { embedOriginsOf } from "../workspaces/embed-origins.ts";

export interface SendContext {
  send: SendRow;
  survey: SurveyRow;
  /** The brand the page shows, in each language (domain/workspaces/brand.ts). */
  brand: Brands;
  /** The workspace's, for dates shown on the page. */
  timeZone: string;
  contactLocale: Locale | null;
  response: SendResponse | undefined;
  /** The workspace's origins that may frame its pages. */
  frameAncestors: string[];
}

export interface SendResponse {
  id: string;
  score: number;
  segment: string;
  comment: string | null;
  contactPreference: "email" | "phone" | "none" | null;
  testimonialConsentText: string | null;
  createdAt: Date;
}

/** A campaign's test send (as the reports' SQL reads `metadata ->> 'test'`); its answer is kept on the send. */
export const isTestSend = (send: SendRow): boolean => String(send.metadata.test) === "true";

function testAnswerOf(send: SendRow): SendResponse | undefined {
  const raw = send.metadata.testAnswer;
  if (!isTestSend(send) || typeof raw !== "string") return undefined;
  try {
    const stored = JSON.parse(raw) as Omit<SendResponse, "createdAt"> & { createdAt: string };
    const createdAt = new Date(stored.createdAt);
    return Number.isInteger(stored.score) && !Number.isNaN(createdAt.getTime())
      ? { ...stored, createdAt }
      : undefined;
  } catch {
    return undefined; // not one Koe wrote: the tester answers afresh
  }
}

/** What an answer through this send is stored against. */
export function answerTargetOf({ send, survey }: SendContext): AnswerTarget {
  return {
    surveyId: survey.id,
    kind: survey.kind,
    sendId: send.id,
    contactId: send.contact_id,
    touchpointId: send.touchpoint_id,
    channel: send.channel,
    source: send.channel === "email" ? "email" : "link",
    metadata: send.metadata,
  };
}

/** What an edit of the score keeps of the answer: the words, the preference and the consent given. */
export function keptAnswer(response: SendResponse | undefined) {
  return {
    comment: response?.comment ?? undefined,
    contactPreference: response?.contactPreference ?? undefined,
    testimonialConsent: response?.testimonialConsentText ?? undefined,
  };
}

/** The row of the context query: the send's own columns, then the rest prefixed by table. */
type ContextRow = SendRow & {
  su_name: SurveyRow["name"];
  su_kind: SurveyRow["kind"];
  su_question: SurveyRow["question"];
  su_follow_ups: SurveyRow["follow_ups"];
  su_default_locale: SurveyRow["default_locale"];
  su_status: SurveyRow["status"];
  su_settings: SurveyRow["settings"];
  su_created_at: SurveyRow["created_at"];
  su_updated_at: SurveyRow["updated_at"];
  workspace_name: string;
  workspace_brand: WorkspaceSettingsJson["brand"] | null;
  workspace_time_zone: string;
  workspace_embed_origins: unknown;
  contact_locale: Locale | null;
  re_id: string | null;
  re_score: number | null;
  re_segment: string | null;
  re_comment: string | null;
  re_contact_preference: SendResponse["contactPreference"];
  re_testimonial_consent_text: string | null;
  re_created_at: Date | null;
};

interface SendKey {
  workspaceId: string;
  sendId: string;
}

/** Many sends' contexts in one query (the key lists cross; each row is matched to its key after). */
async function readContexts(db: Db, keys: SendKey[]): Promise<(ContextRow | undefined)[]> {
  const { rows } = await sql<ContextRow>`
    select se.*, su.name as su_name, su.kind as su_kind, su.question as su_question,
           su.follow_ups as su_follow_ups, su.default_locale as su_default_locale, su.status as su_status,
           su.settings as su_settings, su.created_at as su_created_at, su.updated_at as su_updated_at,
           w.name as workspace_name, w.time_zone as workspace_time_zone, co.locale as contact_locale,
           w.settings -> 'brand' as workspace_brand,
           w.settings -> 'embed' -> 'origins' as workspace_embed_origins,
           re.id as re_id, re.score as re_score, re.segment as re_segment, re.comment as re_comment,
           re.contact_preference as re_contact_preference,
           re.testimonial_consent_text as re_testimonial_consent_text, re.created_at as re_created_at
    from sends se
    join surveys su on su.workspace_id = se.workspace_id and su.id = se.survey_id
    join workspaces w on w.id = se.workspace_id
    left join contacts co on co.workspace_id = se.workspace_id and co.id = se.contact_id
    left join responses re on re.workspace_id = se.workspace_id and re.send_id = se.id
    where se.workspace_id = any(${keys.map((k) => k.workspaceId)}::uuid[])
      and se.id = any(${keys.map((k) => k.sendId)}::uuid[])`.execute(db);
  const found = new Map(rows.map((r) => [`${r.workspace_id}/${r.id}`, r]));
  return keys.map((k) => found.get(`${k.workspaceId}/${k.sendId}`.toLowerCase()));
}

// A page load and an answer each read the context first: concurrent reads go as one query.
const readContext = groupedOnDb((db, _: null, keys: SendKey[]) => readContexts(db, keys), {
  inFlight: 4,
  maxSize: 200,
});

export async function loadSendContext(
  db: Db,
  workspaceId: string,
  sendId: string,
): Promise<SendContext | undefined> {
  const r = await readContext(db, null, { workspaceId, sendId });
  if (!r) return undefined;
  const send: SendRow = {
    workspace_id: r.workspace_id,
    id: r.id,
    survey_id: r.survey_id,
    contact_id: r.contact_id,
    touchpoint_id: r.touchpoint_id,
    channel: r.channel,
    metadata: r.metadata,
    expires_at: r.expires_at,
    created_at: r.created_at,
    campaign_id: r.campaign_id,
    surveyed_at: r.surveyed_at,
    round: r.round,
  };
  const survey: SurveyRow = {
    workspace_id: r.workspace_id,
    id: r.survey_id,
    name: r.su_name,
    kind: r.su_kind,
    question: r.su_question,
    follow_ups: r.su_follow_ups,
    default_locale: r.su_default_locale,
    status: r.su_status,
    settings: r.su_settings,
    created_at: r.su_created_at,
    updated_at: r.su_updated_at,
  };
  return {
    send,
    survey,
    brand: resolveBrands({ name: r.workspace_name, settings: { brand: r.workspace_brand ?? {} } }, survey),
    timeZone: r.workspace_time_zone,
    contactLocale: r.contact_locale,
    frameAncestors: embedOriginsOf(r.workspace_embed_origins),
    response:
      r.re_id && r.re_created_at
        ? {
            id: r.re_id,
            score: r.re_score as number,
            segment: r.re_segment as string,
            comment: r.re_comment,
            contactPreference: r.re_contact_preference,
            testimonialConsentText: r.re_testimonial_consent_text,
            createdAt: r.re_created_at,
          }
        : testAnswerOf(send),
  };
}
