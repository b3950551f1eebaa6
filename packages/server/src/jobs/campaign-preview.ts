// A campaign's email before launch: rendered for one contact (or a sample one), and sent once to an
// address the user gives, through the same mailer as the campaign.
import { z } from "zod";
import { composeSurveyMail } from "../channels/email/compose-survey-mail.ts";
import type { Mailer } from "../channels/email/mailer.ts";
import type { Db } from "../db/open.ts";
import { findCampaignRow } from "../domain/campaigns/campaigns.ts";
import { loadDeliveries, type ClaimedDelivery } from "../domain/deliveries/claim.ts";
import { NotFoundError } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import { findRow } from "../domain/rows.ts";
import type { LinkSigner } from "../domain/sends/send-schema.ts";
import { messageHostOf } from "../channels/email/compose-survey-mail.ts";

export const testSendInput = z
  .object({ email: z.email().max(320).toLowerCase(), contactId: z.uuid().optional() })
  .strict();

/**
 * A real send and message for the campaign's survey, so every link in the email works; its metadata says
 * `test: true`, and an answer to it stays on the send (`domain/sends/answer-send.ts`): it counts nowhere.
 */
async function stageMessage(
  db: Db,
  workspaceId: string,
  campaignId: string,
  links: LinkSigner,
  contactId: string | undefined,
): Promise<ClaimedDelivery> {
  const c = await findCampaignRow(db, workspaceId, campaignId);
  if (!c) throw new NotFoundError(`campaign ${campaignId} not found`);
  const contact = contactId ? await findRow(db, "contacts", workspaceId, contactId) : undefined;
  if (contactId && !contact) throw new NotFoundError(`contact ${contactId} not found`);
  const sendId = newId();
  const deliveryId = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("sends")
      .values({
        workspace_id: workspaceId,
        id: sendId,
        survey_id: c.survey_id,
        contact_id: contact?.id ?? null,
        touchpoint_id: c.touchpoint_id,
        channel: "email",
        metadata: JSON.stringify({ campaignId, test: true }),
        expires_at: new Date(Date.now() + 7 * 86_400_000),
      })
      .execute();
    await tx
      .insertInto("deliveries")
      .values({
        workspace_id: workspaceId,
        id: deliveryId,
        send_id: sendId,
        step: 0,
        status: "sending",
        due_at: new Date(),
        message_id: `<${deliveryId}@${messageHostOf(links.baseUrl)}>`,
        reason: "test",
      })
      .execute();
  });
  const [d] = await loadDeliveries(db, [{ workspace_id: workspaceId, id: deliveryId }]);
  if (!d) throw new Error("the staged message vanished");
  return d;
}

const sampleContact = (d: ClaimedDelivery, email: string): ClaimedDelivery => ({
  ...d,
  contact: d.contact ?? { id: "", email, name: null, locale: null, timeZone: null, attributes: {} },
});

export async function previewCampaignMail(
  db: Db,
  workspaceId: string,
  campaignId: string,
  links: LinkSigner,
  contactId: string | undefined,
) {
  const d = await stageMessage(db, workspaceId, campaignId, links, contactId);
  await db.deleteFrom("sends").where("workspace_id", "=", workspaceId).where("id", "=", d.sendId).execute();
  const mail = composeSurveyMail(sampleContact(d, d.contact?.email ?? "someone@example.com"), links);
  return { subject: mail.subject, html: mail.html, text: mail.text, from: mail.from, to: mail.to };
}

export async function testSendCampaign(
  db: Db,
  mailer: Mailer,
  workspaceId: string,
  campaignId: string,
  links: LinkSigner,
  input: z.output<typeof testSendInput>,
) {
  const d = await stageMessage(db, workspaceId, campaignId, links, input.contactId);
  const mail = composeSurveyMail(sampleContact(d, input.email), links, input.email);
  mail.subject = `[TEST] ${mail.subject}`;
  // The staged message has no lease: no worker ever claims or recovers it (it would go to the contact).
  const settle = (set: { status: "sent"; sent_at: Date } | { status: "failed"; error: string }) =>
    db
      .updateTable("deliveries")
      .set(set)
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", d.id)
      .execute();
  try {
    await mailer.send(mail, { beforeEndOfData: async (end) => end() });
  } catch (e) {
    await settle({ status: "failed", error: (e instanceof Error ? e.message : String(e)).slice(0, 2000) });
    throw e;
  }
  await settle({ status: "sent", sent_at: new Date() });
  return { messageId: mail.messageId, to: input.email, transport: mailer.kind };
}
