// An admin's override: accept a recorded click as the contact's answer (e.g. a person who clicked a
// score in the email and was wrongly taken for a scanner).
import type { Db } from "../../db/open.ts";
import type { EventBus } from "../events/bus.ts";
import { NotFoundError } from "../errors.ts";
import { saveAnswer } from "../responses/answer.ts";
import { findRow } from "../rows.ts";
import { findSendRow } from "./sends.ts";

export async function acceptIntent(
  db: Db,
  events: EventBus,
  workspaceId: string,
  sendId: string,
  intentId: string,
): Promise<{ responseId: string }> {
  const send = await findSendRow(db, workspaceId, sendId);
  const intent = await db
    .selectFrom("intents")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("send_id", "=", sendId)
    .where("id", "=", intentId)
    .executeTakeFirst();
  if (!send || !intent) throw new NotFoundError(`intent ${intentId} of send ${sendId} not found`);
  const [survey, contact] = await Promise.all([
    findRow(db, "surveys", workspaceId, send.survey_id),
    send.contact_id ? findRow(db, "contacts", workspaceId, send.contact_id) : undefined,
  ]);
  if (!survey) throw new NotFoundError(`survey ${send.survey_id} not found`);
  const saved = await saveAnswer(
    db,
    events,
    workspaceId,
    {
      surveyId: survey.id,
      kind: survey.kind,
      sendId,
      contactId: send.contact_id,
      touchpointId: send.touchpoint_id,
      channel: send.channel,
      source: send.channel === "email" ? "email" : "link",
      metadata: { ...send.metadata, acceptedIntent: intentId },
    },
    { score: intent.score, locale: contact?.locale ?? survey.default_locale },
  );
  await db
    .updateTable("intents")
    .set({ verdict: "confirmed", reason: "accepted by an admin" })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", intentId)
    .execute();
  return { responseId: saved.responseId };
}
