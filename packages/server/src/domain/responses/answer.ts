// A respondent's own answer from a survey page: one response per send (or per browser session for a
// link survey); answering again edits it within the edit window instead of adding a second.
import type { Db } from "../../db/open.ts";
import { recordEvent } from "../events/record.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { isHappy, isUnhappy, scaleOf, segmentOf, type SurveyKind } from "../scores/scales.ts";
import { storableText } from "../storable-text.ts";
import { confirmSendIntents } from "../sends/intents.ts";
import { MAX_COMMENT } from "./response-schema.ts";
import { insertAnswer, updateResponse } from "./store-responses.ts";

export const EDIT_WINDOW_MS = 7 * 86_400_000;

export interface PageAnswer {
  score: number;
  comment?: string | undefined;
  contactPreference?: "email" | "phone" | "none" | undefined;
  /** The consent text the respondent saw and ticked, stored with the time. */
  testimonialConsent?: string | undefined;
  locale: "ja" | "en";
}

export interface AnswerTarget {
  surveyId: string;
  kind: SurveyKind;
  /** The personal link's send; or, for a link survey, the response this browser made before. */
  sendId?: string | undefined;
  previousResponseId?: string | undefined;
  contactId: string | null;
  touchpointId: string | null;
  channel: string;
  source: "email" | "link";
  metadata: Record<string, string | number | boolean | null>;
}

/** An answer given at `createdAt` may be changed within the edit window only (as of `now`). */
export function assertEditable(createdAt: Date, now: Date): void {
  if (now.getTime() - createdAt.getTime() > EDIT_WINDOW_MS) {
    throw new ConflictError("this answer can no longer be changed");
  }
}

/** The stored form of a page answer: the score checked, the segment set, each segment's own question kept. */
export function answerChange(kind: SurveyKind, answer: PageAnswer, now: string) {
  const { min, max } = scaleOf(kind);
  if (!Number.isInteger(answer.score) || answer.score < min || answer.score > max) {
    throw new ValidationError([{ path: "score", message: `must be between ${min} and ${max}` }]);
  }
  const segment = segmentOf(kind, answer.score);
  // Each segment is asked its own question: a preference from the unhappy, a testimonial from the happy.
  const consent = isHappy(segment) ? (answer.testimonialConsent ?? null) : null;
  return {
    score: answer.score,
    segment,
    comment: storableText(answer.comment?.trim() ?? "", MAX_COMMENT) || null,
    locale: answer.locale,
    contact_preference: isUnhappy(segment) ? (answer.contactPreference ?? null) : null,
    testimonial_consent_text: consent,
    testimonial_consent_at: consent ? now : null,
  };
}

export async function saveAnswer(
  db: Db,
  workspaceId: string,
  target: AnswerTarget,
  answer: PageAnswer,
  /** The clock's time: the answer's own, and what the edit window is measured to. */
  at: Date,
): Promise<{ responseId: string; created: boolean }> {
  const now = at.toISOString();
  const change = answerChange(target.kind, answer, now);
  const consent = change.testimonial_consent_text;
  // A new answer is one statement (response, rollups, intents), shared with concurrent answers; an
  // existing one is edited in a transaction.
  const insert = async () => {
    const id = newId();
    const row = {
      id,
      survey_id: target.surveyId,
      contact_id: target.contactId,
      touchpoint_id: target.touchpointId,
      channel: target.channel,
      metadata: target.metadata,
      source: target.source,
      created_at: now,
      send_id: target.sendId ?? null,
      ...change,
    };
    return (await insertAnswer(db, workspaceId, row)) ? { responseId: id, created: true } : undefined;
  };
  const edit = () =>
    db.transaction().execute(async (tx) => {
      let q = tx
        .selectFrom("responses")
        .select(["id", "score", "created_at", "testimonial_consent_text", "testimonial_consent_at"])
        .where("workspace_id", "=", workspaceId);
      if (target.sendId) q = q.where("send_id", "=", target.sendId);
      else q = q.where("id", "=", target.previousResponseId ?? "").where("survey_id", "=", target.surveyId);
      // Locked as read: the score replaced is the one this edit's response.updated reports.
      const existing = await q.forUpdate().executeTakeFirst();
      if (!existing) return undefined;
      assertEditable(existing.created_at, at);
      if (target.sendId) await confirmSendIntents(tx, workspaceId, target.sendId);
      // Consent given before and kept is dated when it was given, not when the score changed.
      const kept = consent !== null && consent === existing.testimonial_consent_text;
      const consentAt = kept
        ? (existing.testimonial_consent_at?.toISOString() ?? now)
        : change.testimonial_consent_at;
      await updateResponse(
        tx,
        workspaceId,
        existing.id,
        { ...change, testimonial_consent_at: consentAt },
        now,
      );
      // After the update, which holds the response's row lock: its events stay in commit order.
      await recordEvent(tx, {
        workspaceId,
        type: "response.updated",
        subjectId: existing.id,
        payload: {
          surveyId: target.surveyId,
          score: change.score,
          segment: change.segment,
          previousScore: existing.score,
        },
      });
      return { responseId: existing.id, created: false };
    });
  let result: { responseId: string; created: boolean } | undefined;
  // Most sends are answered once: try the insert, and edit if the send already has its response.
  if (target.sendId) result = (await insert()) ?? (await edit());
  else if (target.previousResponseId) result = await edit();
  result ??= await insert();
  if (!result) throw new ConflictError("the answer changed while it was being saved; try again");
  return result;
}
