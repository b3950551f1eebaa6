import { describe, expect, it } from "vitest";
import { readEmailEvents } from "./email-events.ts";

const reasons = (body: unknown) =>
  readEmailEvents(body).suppress.map((s) => `${s.email} ${s.reason} ${s.source}`);

describe("email provider events", () => {
  it("read the generic shape; a bounce is hard unless permanent is false", () => {
    const result = readEmailEvents([
      { type: "bounce", email: "Hard@Example.com" },
      { type: "bounce", email: "soft@example.com", permanent: false },
      { type: "complaint", email: "spam@example.com" },
      { type: "unsubscribe", email: "bye@example.com" },
    ]);
    expect(result.suppress.map((s) => [s.email, s.reason])).toEqual([
      ["hard@example.com", "bounced"],
      ["spam@example.com", "complained"],
      ["bye@example.com", "unsubscribed"],
    ]);
    expect(result.ignored).toBe(1);
  });

  it("read SendGrid events; blocks, deferrals and deliveries are ignored", () => {
    const result = readEmailEvents([
      { event: "bounce", email: "a@example.com", type: "bounce", reason: "550 5.1.1 unknown user" },
      { event: "bounce", email: "b@example.com", type: "blocked", reason: "421 try later" },
      { event: "dropped", email: "c@example.com", reason: "Bounced Address" },
      { event: "dropped", email: "d@example.com", reason: "Spam Reporting Address" },
      { event: "dropped", email: "e@example.com", reason: "Invalid SMTPAPI header" },
      { event: "spamreport", email: "f@example.com" },
      { event: "unsubscribe", email: "g@example.com" },
      { event: "deferred", email: "h@example.com" },
      { event: "delivered", email: "i@example.com" },
    ]);
    expect(result.suppress.map((s) => `${s.email} ${s.reason}`)).toEqual([
      "a@example.com bounced",
      "c@example.com bounced",
      "d@example.com complained",
      "f@example.com complained",
      "g@example.com unsubscribed",
    ]);
    expect(result.ignored).toBe(4);
    expect(result.suppress[0]?.source).toBe("webhook:sendgrid");
  });

  it("read Postmark bounces, complaints and subscription changes; soft bounces are ignored", () => {
    const result = readEmailEvents([
      { RecordType: "Bounce", Type: "HardBounce", TypeCode: 1, Email: "a@example.com" },
      { RecordType: "Bounce", Type: "SoftBounce", TypeCode: 4096, Email: "b@example.com" },
      { RecordType: "Bounce", Type: "Transient", TypeCode: 2, Email: "c@example.com" },
      { RecordType: "SpamComplaint", Type: "SpamComplaint", Email: "d@example.com" },
      {
        RecordType: "SubscriptionChange",
        Recipient: "e@example.com",
        SuppressSending: true,
        SuppressionReason: "ManualSuppression",
      },
      { RecordType: "Delivery", Recipient: "f@example.com" },
    ]);
    expect(result.suppress.map((s) => `${s.email} ${s.reason}`)).toEqual([
      "a@example.com bounced",
      "d@example.com complained",
      "e@example.com unsubscribed",
    ]);
    expect(result.ignored).toBe(3);
  });

  it("read Amazon SES notifications per recipient, also inside SNS and EventBridge envelopes", () => {
    const bounce = {
      notificationType: "Bounce",
      bounce: {
        bounceType: "Permanent",
        bounceSubType: "General",
        bouncedRecipients: [{ emailAddress: "a@example.com" }, { emailAddress: "b@example.com" }],
      },
      mail: { messageId: "x" },
    };
    const transient = {
      notificationType: "Bounce",
      bounce: { bounceType: "Transient", bouncedRecipients: [{ emailAddress: "c@example.com" }] },
    };
    const complaint = {
      eventType: "Complaint",
      complaint: { complainedRecipients: [{ emailAddress: "d@example.com" }] },
    };
    expect(reasons(bounce)).toEqual([
      "a@example.com bounced webhook:ses",
      "b@example.com bounced webhook:ses",
    ]);
    expect(readEmailEvents(transient)).toEqual({ suppress: [], ignored: 1 });
    expect(reasons({ Type: "Notification", MessageId: "m", Message: JSON.stringify(complaint) })).toEqual([
      "d@example.com complained webhook:ses",
    ]);
    expect(reasons({ "detail-type": "Email Bounced", source: "aws.ses", detail: bounce })).toHaveLength(2);
    const confirm = {
      Type: "SubscriptionConfirmation",
      Message: "confirm",
      SubscribeURL: "https://sns.example",
    };
    expect(readEmailEvents(confirm)).toEqual({ suppress: [], ignored: 1 });
  });

  it("read Mailgun permanent failures and complaints; temporary failures are ignored", () => {
    const result = readEmailEvents([
      { signature: {}, "event-data": { event: "failed", severity: "permanent", recipient: "a@example.com" } },
      { signature: {}, "event-data": { event: "failed", severity: "temporary", recipient: "b@example.com" } },
      { signature: {}, "event-data": { event: "complained", recipient: "c@example.com" } },
    ]);
    expect(result.suppress.map((s) => `${s.email} ${s.reason}`)).toEqual([
      "a@example.com bounced",
      "c@example.com complained",
    ]);
    expect(result.ignored).toBe(1);
  });

  it("ignore what they cannot read: unknown shapes, bad addresses, non-objects", () => {
    const result = readEmailEvents([
      { hello: "world" },
      { type: "bounce", email: "not an address" },
      { type: "bounce", email: 42 },
      "text",
      null,
      { Type: "Notification", Message: "{not json" },
    ]);
    expect(result).toEqual({ suppress: [], ignored: 6 });
  });
});
