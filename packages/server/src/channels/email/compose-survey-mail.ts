// A claimed message turned into mail: the survey email with the send's personal links, the brand and
// sender of its workspace, and the one-click unsubscribe headers (RFC 8058).
import type { ClaimedDelivery } from "../../domain/deliveries/claim.ts";
import { scaleOf } from "../../domain/scores/scales.ts";
import type { LinkSigner } from "../../domain/sends/send-schema.ts";
import { signSendToken } from "../../domain/sends/token.ts";
import { unsubscribeUrl } from "../../domain/suppressions/unsubscribe-token.ts";
import { resolveWorkspaceSettings } from "../../domain/workspaces/workspace-settings.ts";
import type { OutgoingMail } from "./mailer.ts";
import { renderSurveyEmail } from "./survey-email.ts";

/** The host part of our Message-IDs and default sender: the public address's host. */
export const messageHostOf = (baseUrl: string): string => new URL(baseUrl).hostname || "localhost";

export function composeSurveyMail(d: ClaimedDelivery, links: LinkSigner): OutgoingMail {
  const contact = d.contact;
  if (!contact?.email) throw new Error(`delivery ${d.id} has no address`);
  const settings = resolveWorkspaceSettings({ name: d.workspace.name, settings: d.workspace.settings });
  const locale = contact.locale ?? d.survey.defaultLocale;
  const question = d.survey.question[locale] ?? d.survey.question[d.survey.defaultLocale] ?? "";
  const token = signSendToken(links.secret, {
    workspaceId: d.workspaceId,
    sendId: d.sendId,
    expiresAt: d.expiresAt,
  });
  const surveyUrl = `${links.baseUrl}/r/${token}`;
  const { min, max } = scaleOf(d.survey.kind);
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.secret, d.workspaceId, contact.email, d.sendId);
  const brandName = d.survey.settings.brandName ?? settings.brand.name;
  const email = renderSurveyEmail({
    locale,
    kind: d.survey.kind,
    question,
    brand: {
      name: brandName,
      ...(settings.brand.logoUrl && { logoUrl: settings.brand.logoUrl }),
      color: settings.brand.color,
    },
    sender: {
      name: settings.sender.name,
      ...(settings.sender.address && { address: settings.sender.address }),
      ...(settings.sender.postalAddress && { postalAddress: settings.sender.postalAddress }),
    },
    contact: { name: contact.name, email: contact.email, attributes: contact.attributes },
    touchpoint: d.touchpoint,
    scoreUrls: Array.from({ length: max - min + 1 }, (_, i) => `${surveyUrl}?score=${min + i}`),
    surveyUrl,
    unsubscribeUrl: unsubscribe,
    reminder: d.step > 0,
  });
  return {
    workspaceId: d.workspaceId,
    messageId: d.messageId,
    from: {
      name: settings.sender.name,
      address: settings.sender.address ?? `survey@${messageHostOf(links.baseUrl)}`,
    },
    to: contact.email,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
