// Reading email providers' event webhooks into suppressions. Each recipient of each event either
// suppresses its address or is ignored: soft (transient) bounces, deliveries, opens and anything not
// recognised are ignored, since one busy mailbox must not stop a person's surveys for good. An event that
// carries our Message-ID header (generic, SendGrid, Mailgun, Amazon SES) names the message it is about.
import { z } from "zod";
import type { SuppressionReason } from "../../db/schema.ts";
import { MAX_EMAIL, normaliseEmail } from "./suppression-schema.ts";

export interface EmailEventSuppression {
  email: string;
  reason: SuppressionReason;
  source: string;
  /** The Message-ID header of the message the event is about, when the provider passes it on. */
  messageId?: string;
}

export interface EmailEventsResult {
  suppress: EmailEventSuppression[];
  ignored: number;
}

/** One recipient of one event; no reason means the event does not suppress. */
interface Verdict {
  email: string | undefined;
  reason: SuppressionReason | undefined;
  provider: string;
  messageId?: string | undefined;
}

const address = z.string().max(MAX_EMAIL + 100);
const word = z.string().max(100);
const messageIdField = z.string().max(1000).optional();
const ignoredOne = (provider = "unknown"): Verdict[] => [{ email: undefined, reason: undefined, provider }];

// { type: "bounce" | "complaint" | "unsubscribe", email, permanent? }; a bounce is hard unless
// permanent is false, since senders of this shape usually report only final failures.
const generic = z.object({
  type: z.enum(["bounce", "complaint", "unsubscribe"]),
  email: address,
  permanent: z.boolean().optional(),
  messageId: messageIdField,
});
const genericReasons = { bounce: "bounced", complaint: "complained", unsubscribe: "unsubscribed" } as const;

// SendGrid event webhook: an array of { event, email, type?, reason? }.
const sendGrid = z.object({
  event: word,
  email: address,
  type: word.optional(),
  reason: z.string().max(5000).optional(),
  "smtp-id": messageIdField,
});

function sendGridReason(e: z.output<typeof sendGrid>): SuppressionReason | undefined {
  switch (e.event) {
    case "bounce":
      return e.type === "blocked" ? undefined : "bounced"; // a block is SendGrid's temporary refusal
    case "spamreport":
      return "complained";
    case "unsubscribe":
    case "group_unsubscribe":
      return "unsubscribed";
    case "dropped": {
      // Dropped because SendGrid already suppresses the address; other drop reasons say nothing of it.
      const why = (e.reason ?? "Bounced Address").toLowerCase();
      if (why.includes("spam reporting")) return "complained";
      if (why.includes("unsubscribed")) return "unsubscribed";
      if (why.includes("bounced address") || why === "invalid") return "bounced";
      return undefined;
    }
    default:
      return undefined;
  }
}

// Postmark: Bounce, SpamComplaint and SubscriptionChange webhooks.
const postmark = z.object({
  RecordType: word,
  Email: address.optional(),
  Recipient: address.optional(),
  Type: word.optional(),
  SuppressSending: z.boolean().optional(),
  SuppressionReason: word.optional(),
});

function postmarkReason(e: z.output<typeof postmark>): SuppressionReason | undefined {
  if (e.RecordType === "SpamComplaint") return "complained";
  if (e.RecordType === "Bounce") {
    if (e.Type === "HardBounce" || e.Type === "BadEmailAddress") return "bounced";
    if (e.Type === "SpamComplaint") return "complained";
    if (e.Type === "Unsubscribe") return "unsubscribed";
    return undefined;
  }
  if (e.RecordType === "SubscriptionChange" && e.SuppressSending) {
    const reasons: Record<string, SuppressionReason> = {
      HardBounce: "bounced",
      SpamComplaint: "complained",
      ManualSuppression: "unsubscribed",
    };
    return reasons[e.SuppressionReason ?? ""];
  }
  return undefined; // reactivations too: lifting a suppression stays a decision made in Koe
}

// Amazon SES notifications (notificationType) and event publishing (eventType).
const recipients = z.array(z.object({ emailAddress: address })).max(100);
const ses = z.object({
  notificationType: word.optional(),
  eventType: word.optional(),
  bounce: z.object({ bounceType: word, bouncedRecipients: recipients }).optional(),
  complaint: z
    .object({ complainedRecipients: recipients, complaintFeedbackType: word.optional() })
    .optional(),
  mail: z
    .object({
      commonHeaders: z.object({ messageId: messageIdField }).optional(),
      headers: z.array(z.object({ name: z.string().max(200), value: z.string().max(1000) })).optional(),
    })
    .optional(),
});

/** SES's copy of our Message-ID header (`mail.messageId` is SES's own id, not the header). */
const sesMessageId = (e: z.output<typeof ses>) =>
  e.mail?.commonHeaders?.messageId ??
  e.mail?.headers?.find((h) => h.name.toLowerCase() === "message-id")?.value;

function sesVerdicts(e: z.output<typeof ses>): Verdict[] {
  const type = e.notificationType ?? e.eventType;
  const messageId = sesMessageId(e);
  const each = (list: { emailAddress: string }[], reason: SuppressionReason | undefined) =>
    list.length
      ? list.map((r) => ({ email: r.emailAddress, reason, provider: "ses", messageId }))
      : ignoredOne("ses");
  if (type === "Bounce" && e.bounce)
    return each(e.bounce.bouncedRecipients, e.bounce.bounceType === "Permanent" ? "bounced" : undefined);
  if (type === "Complaint" && e.complaint) {
    const notSpam = e.complaint.complaintFeedbackType === "not-spam";
    return each(e.complaint.complainedRecipients, notSpam ? undefined : "complained");
  }
  return ignoredOne("ses");
}

// Mailgun webhooks: { signature, "event-data": { event, recipient, severity? } }.
const mailgun = z.object({
  "event-data": z.object({
    event: word,
    recipient: address,
    severity: word.optional(),
    message: z.object({ headers: z.object({ "message-id": messageIdField }).optional() }).optional(),
  }),
});
const mailgunReasons: Record<string, SuppressionReason> = {
  complained: "complained",
  unsubscribed: "unsubscribed",
};

// Envelopes: Amazon SNS carries SES notifications as a JSON string, EventBridge under "detail".
const sns = z.object({ Type: word, Message: z.string().max(1_000_000) });
const eventBridge = z.object({ "detail-type": z.string().max(200), detail: z.unknown() });

const has = (o: object, key: string) => Object.hasOwn(o, key);

function verdictsOf(event: unknown, depth = 0): Verdict[] {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return ignoredOne();
  const one = (
    email: string | undefined,
    reason: SuppressionReason | undefined,
    provider: string,
    messageId?: string,
  ) => [{ email, reason, provider, messageId }];
  if (has(event, "Message") && has(event, "Type")) {
    const e = sns.safeParse(event);
    // Only notifications: subscription confirmations are for a person to open, never fetched here.
    if (!e.success || e.data.Type !== "Notification" || depth > 1) return ignoredOne("sns");
    try {
      return verdictsOf(JSON.parse(e.data.Message), depth + 1);
    } catch {
      return ignoredOne("sns");
    }
  }
  if (has(event, "detail") && has(event, "detail-type")) {
    const e = eventBridge.safeParse(event);
    return e.success && depth <= 1 ? verdictsOf(e.data.detail, depth + 1) : ignoredOne("eventbridge");
  }
  if (has(event, "event-data")) {
    const e = mailgun.safeParse(event);
    if (!e.success) return ignoredOne("mailgun");
    const d = e.data["event-data"];
    const reason = d.event === "failed" && d.severity === "permanent" ? "bounced" : mailgunReasons[d.event];
    return one(d.recipient, reason, "mailgun", d.message?.headers?.["message-id"]);
  }
  if (has(event, "notificationType") || has(event, "eventType")) {
    const e = ses.safeParse(event);
    return e.success ? sesVerdicts(e.data) : ignoredOne("ses");
  }
  if (has(event, "RecordType")) {
    const e = postmark.safeParse(event);
    return e.success
      ? one(e.data.Email ?? e.data.Recipient, postmarkReason(e.data), "postmark")
      : ignoredOne();
  }
  if (has(event, "event")) {
    const e = sendGrid.safeParse(event);
    return e.success
      ? one(e.data.email, sendGridReason(e.data), "sendgrid", e.data["smtp-id"])
      : ignoredOne();
  }
  const e = generic.safeParse(event);
  if (!e.success) return ignoredOne();
  const soft = e.data.type === "bounce" && e.data.permanent === false;
  return one(e.data.email, soft ? undefined : genericReasons[e.data.type], "generic", e.data.messageId);
}

/** Reads one event or an array of them (any of the shapes above) into suppressions and a count of the rest. */
export function readEmailEvents(body: unknown): EmailEventsResult {
  const events = Array.isArray(body) ? body : [body];
  const result: EmailEventsResult = { suppress: [], ignored: 0 };
  for (const event of events) {
    for (const v of verdictsOf(event)) {
      const email = v.email === undefined ? undefined : normaliseEmail(v.email);
      if (email && v.reason)
        result.suppress.push({
          email,
          reason: v.reason,
          source: `webhook:${v.provider}`,
          ...(v.messageId ? { messageId: v.messageId } : {}),
        });
      else result.ignored++;
    }
  }
  return result;
}
