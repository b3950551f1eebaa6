// Everything a personal-link page needs about its send, read in one query (the confirm hot path).
import type { Db } from "../../db/open.ts";
import type { Locale, SendRow, SurveyRow } from "../../db/schema.ts";
import type { AnswerTarget } from "../responses/answer.ts";
import { brandOf } from "../surveys/surveys.ts";

export interface SendContext {
  send: SendRow;
  survey: SurveyRow;
  /** The survey's brand name, else the workspace's name. */
  brand: string;
  /** The workspace's, for dates shown on the page. */
  timeZone: string;
  contactLocale: Locale | null;
  response: SendResponse | undefined;
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

export async function loadSendContext(
  db: Db,
  workspaceId: string,
  sendId: string,
): Promise<SendContext | undefined> {
  const r = await db
    .selectFrom("sends as se")
    .innerJoin("surveys as su", (j) =>
      j.onRef("su.workspace_id", "=", "se.workspace_id").onRef("su.id", "=", "se.survey_id"),
    )
    .innerJoin("workspaces as w", "w.id", "se.workspace_id")
    .leftJoin("contacts as co", (j) =>
      j.onRef("co.workspace_id", "=", "se.workspace_id").onRef("co.id", "=", "se.contact_id"),
    )
    .leftJoin("responses as re", (j) =>
      j.onRef("re.workspace_id", "=", "se.workspace_id").onRef("re.send_id", "=", "se.id"),
    )
    .selectAll("se")
    .select([
      "su.name as su_name",
      "su.kind as su_kind",
      "su.question as su_question",
      "su.follow_ups as su_follow_ups",
      "su.default_locale as su_default_locale",
      "su.status as su_status",
      "su.settings as su_settings",
      "su.created_at as su_created_at",
      "su.updated_at as su_updated_at",
      "w.name as workspace_name",
      "w.time_zone as workspace_time_zone",
      "co.locale as contact_locale",
      "re.id as re_id",
      "re.score as re_score",
      "re.segment as re_segment",
      "re.comment as re_comment",
      "re.contact_preference as re_contact_preference",
      "re.testimonial_consent_text as re_testimonial_consent_text",
      "re.created_at as re_created_at",
    ])
    .where("se.workspace_id", "=", workspaceId)
    .where("se.id", "=", sendId)
    .executeTakeFirst();
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
    brand: brandOf(survey, r.workspace_name),
    timeZone: r.workspace_time_zone,
    contactLocale: r.contact_locale,
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
