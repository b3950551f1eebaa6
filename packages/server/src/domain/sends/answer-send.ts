// An answer through a personal link. A campaign's test send takes the tester through the whole flow, but
// its answer stays on the send, not among the responses: it counts in no report, opens no case and fires
// no alert, even when the test showed a customer's data.
import type { Db } from "../../db/open.ts";
import { answerChange, assertEditable, saveAnswer, type PageAnswer } from "../responses/answer.ts";
import { answerTargetOf, isTestSend, type SendContext, type SendResponse } from "./send-context.ts";

export async function answerSend(
  db: Db,
  context: SendContext,
  answer: PageAnswer,
  /** The clock's time. */
  now: Date,
) {
  const { send, survey } = context;
  if (!isTestSend(send)) return saveAnswer(db, send.workspace_id, answerTargetOf(context), answer, now);
  const previous = context.response;
  if (previous) assertEditable(previous.createdAt, now);
  const change = answerChange(survey.kind, answer, now.toISOString());
  const stored: Omit<SendResponse, "createdAt"> & { createdAt: string } = {
    id: send.id,
    score: change.score,
    segment: change.segment,
    comment: change.comment,
    contactPreference: change.contact_preference,
    testimonialConsentText: change.testimonial_consent_text,
    createdAt: (previous?.createdAt ?? now).toISOString(),
  };
  await db
    .updateTable("sends")
    .set({ metadata: JSON.stringify({ ...send.metadata, testAnswer: JSON.stringify(stored) }) })
    .where("workspace_id", "=", send.workspace_id)
    .where("id", "=", send.id)
    .execute();
  return { responseId: null, created: previous === undefined };
}
