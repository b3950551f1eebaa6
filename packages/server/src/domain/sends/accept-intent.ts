// An admin's override: accept a recorded click as the contact's answer (e.g. a person who clicked a
// score in the email and was wrongly taken for a scanner).
import type { Db } from "../../db/open.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { saveAnswer } from "../responses/answer.ts";
import type { IntentReason } from "./intents.ts";
import { answerTargetOf, isTestSend, keptAnswer, loadSendContext } from "./send-context.ts";

export async function acceptIntent(
  db: Db,
  workspaceId: string,
  sendId: string,
  intentId: string,
  /** The clock's time: the accepted answer's. */
  now: Date,
): Promise<{ responseId: string }> {
  const [context, intent] = await Promise.all([
    loadSendContext(db, workspaceId, sendId),
    db
      .selectFrom("intents")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("send_id", "=", sendId)
      .where("id", "=", intentId)
      .executeTakeFirst(),
  ]);
  if (!context || !intent) throw new NotFoundError(`intent ${intentId} of send ${sendId} not found`);
  // A test email's clicks are the tester's, never the contact's answer.
  if (isTestSend(context.send)) throw new ConflictError("a campaign's test send has no answer to accept");
  const target = answerTargetOf(context);
  // An answer the person already gave keeps its words; only the score is the accepted click's.
  const saved = await saveAnswer(
    db,
    workspaceId,
    { ...target, metadata: { ...target.metadata, acceptedIntent: intentId } },
    {
      ...keptAnswer(context.response),
      score: intent.score,
      locale: context.contactLocale ?? context.survey.default_locale,
    },
    now,
  );
  await db
    .updateTable("intents")
    .set({ verdict: "confirmed", reason: "accepted by an admin" satisfies IntentReason })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", intentId)
    .execute();
  return { responseId: saved.responseId };
}
