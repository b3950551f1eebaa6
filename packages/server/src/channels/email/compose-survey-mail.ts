// A claimed message turned into mail: the survey email with the send's personal links, the brand and
// sender of its workspace, and the one-click unsubscribe headers (RFC 8058).
import type { Locale } from "../../db/schema.ts";
import type { ClaimedDelivery } from "../../domain/deliveries/claim.ts";
import { scaleOf } from "../../domain/scores/scales.ts";
import type { LinkSigner } from "../../domain/sends/send-schema.ts";
import { signSendToken } from "../../domain/sends/token.ts";
import { unsubscribeUrl } from "../../domain/suppressions/unsubscribe-token.ts";
import { resolveBrand } from "../../domain/workspaces/brand.ts";
import { resolveWorkspaceSettings, senderNameOf } from "../../domain/workspaces/workspace-settings.ts";
import type { OutgoingMail } from "./mailer.ts";
import { renderSurveyEmail, type RenderedEmail } from "./survey-email.ts";

/** The host part of our Message-IDs and default sender: the public address's host. */
export const messageHostOf = (baseUrl: string): string => new URL(baseUrl).hostname || "localhost";

/** What a survey email is made of besides its links: survey, workspace, contact (with an address). */
export type SurveyMailParts = Pick<ClaimedDelivery, "survey" | "workspace" | "touchpoint" | "step"> & {
  contact: Pick<NonNullable<ClaimedDelivery["contact"]>, "name" | "locale" | "attributes"> & {
    email: string;
  };
};

export interface SurveyMailLinks {
  surveyUrl: string;
  /** The survey page with a score chosen. */
  scoreUrl(score: number): string;
  unsubscribeUrl: string;
}

/** The language of the email: the contact's, else the survey's. */
const mailLocaleOf = (parts: { contact: { locale: Locale | null }; survey: { defaultLocale: Locale } }) =>
  parts.contact.locale ?? parts.survey.defaultLocale;

/** The survey email for these parts and links, with the workspace's brand and sender in the email's language. */
export function renderSurveyMail(parts: SurveyMailParts, links: SurveyMailLinks): RenderedEmail {
  const { survey, contact } = parts;
  const settings = resolveWorkspaceSettings({
    name: parts.workspace.name,
    settings: parts.workspace.settings,
  });
  const locale = mailLocaleOf(parts);
  const question = survey.question[locale] ?? survey.question[survey.defaultLocale] ?? "";
  const { min, max } = scaleOf(survey.kind);
  const brand = resolveBrand(parts.workspace, locale, survey);
  return renderSurveyEmail({
    locale,
    kind: survey.kind,
    question,
    brand: { name: brand.name, ...(brand.logoUrl && { logoUrl: brand.logoUrl }), color: brand.color },
    sender: {
      name: senderNameOf(parts.workspace, locale),
      ...(settings.sender.address && { address: settings.sender.address }),
      ...(settings.sender.postalAddress && { postalAddress: settings.sender.postalAddress }),
    },
    contact: { name: contact.name, email: contact.email, attributes: contact.attributes },
    touchpoint: parts.touchpoint,
    scoreUrls: Array.from({ length: max - min + 1 }, (_, i) => links.scoreUrl(min + i)),
    surveyUrl: links.surveyUrl,
    unsubscribeUrl: links.unsubscribeUrl,
    reminder: parts.step > 0,
  });
}

/**
 * `to` is where the mail goes, when not the contact's own address (a test send): its unsubscribe link and
 * header are for that address, so a one-click from the tester's mail client never suppresses the contact.
 */
export function composeSurveyMail(d: ClaimedDelivery, links: LinkSigner, to?: string): OutgoingMail {
  const contact = d.contact;
  if (!contact?.email) throw new Error(`delivery ${d.id} has no address`);
  const recipient = to ?? contact.email;
  const settings = resolveWorkspaceSettings({ name: d.workspace.name, settings: d.workspace.settings });
  const locale = mailLocaleOf({ survey: d.survey, contact });
  const token = signSendToken(links.secret, {
    workspaceId: d.workspaceId,
    sendId: d.sendId,
    expiresAt: d.expiresAt,
  });
  const surveyUrl = `${links.baseUrl}/r/${token}`;
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.secret, d.workspaceId, recipient, d.sendId);
  const email = renderSurveyMail(
    { ...d, contact: { ...contact, email: contact.email } },
    { surveyUrl, scoreUrl: (score) => `${surveyUrl}?score=${score}`, unsubscribeUrl: unsubscribe },
  );
  return {
    workspaceId: d.workspaceId,
    messageId: d.messageId,
    from: {
      name: senderNameOf(d.workspace, locale),
      address: settings.sender.address ?? `survey@${messageHostOf(links.baseUrl)}`,
    },
    to: recipient,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    ...(to === undefined ? { contactId: contact.id } : {}),
  };
}
