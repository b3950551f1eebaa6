import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp, type TestSmtp } from "../../../test/smtp.ts";
import { MailError, type OutgoingMail } from "./mailer.ts";
import { smtpMailer } from "./smtp-mailer.ts";

let smtp: TestSmtp;
beforeAll(async () => (smtp = await startTestSmtp()));
afterAll(() => smtp.close());

const mail = (n: number): OutgoingMail => ({
  workspaceId: "00000000-0000-0000-0000-000000000001",
  messageId: `<test-${n}@koe.test>`,
  from: { name: "Koe 声", address: "survey@koe.test" },
  to: `person${n}@example.com`,
  subject: `【声】1問だけのアンケート ${n}`,
  html: `<p>Hello ${n}</p>`,
  text: `Hello ${n}`,
  headers: {
    "List-Unsubscribe": "<https://koe.test/u/x>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  },
});

describe("smtpMailer", () => {
  it("delivers the message with its Message-ID, both parts and the unsubscribe headers", async () => {
    const mailer = smtpMailer(smtp.url);
    const order: string[] = [];
    await mailer.send(mail(1), { beforeEndOfData: async () => void order.push("hook") });
    order.push("sent");
    await mailer.close();
    const got = smtp.messages.find((m) => m.messageId === "<test-1@koe.test>");
    expect(got?.subject).toBe("【声】1問だけのアンケート 1");
    expect(got?.text?.trim()).toBe("Hello 1");
    expect(got?.html).toContain("<p>Hello 1</p>");
    const header = (name: string) => got?.headerLines.find((h) => h.key === name)?.line;
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toBe("List-Unsubscribe: <https://koe.test/u/x>");
    expect(order).toEqual(["hook", "sent"]);
  });

  it("records the message only once the server has its body, and sends the end of data only then", async () => {
    const mailer = smtpMailer(smtp.url);
    const isIn = () => smtp.messages.some((m) => m.messageId === "<test-6@koe.test>");
    let atHook = { bodyBytes: 0, accepted: true };
    await mailer.send(mail(6), {
      beforeEndOfData: async (end) => {
        // The server has said "go ahead" and holds the body, which a crash from here could deliver...
        // (Waits for the body to arrive, however slow the machine: the test's own limit is the deadline.)
        while (smtp.bytesInData() <= 500) await new Promise((r) => setTimeout(r, 10));
        // ...but it cannot accept the message until the mark arrives.
        atHook = { bodyBytes: smtp.bytesInData(), accepted: isIn() };
        end();
      },
    });
    await mailer.close();
    expect(atHook.bodyBytes).toBeGreaterThan(500);
    expect(atHook.accepted).toBe(false);
    expect(isIn()).toBe(true);
  });

  it("never delivers a message whose end-of-data hook failed", async () => {
    const mailer = smtpMailer(smtp.url);
    const before = smtp.messages.length;
    await expect(
      mailer.send(mail(2), { beforeEndOfData: () => Promise.reject(new Error("database down")) }),
    ).rejects.toBeInstanceOf(MailError);
    await mailer.send(mail(3), { beforeEndOfData: async () => {} });
    await mailer.close();
    expect(smtp.messages.slice(before).map((m) => m.messageId)).toEqual(["<test-3@koe.test>"]);
  });

  it("reports a 4xx reply as transient and a 5xx reply as permanent", async () => {
    const mailer = smtpMailer(smtp.url);
    smtp.failNext(1, 451);
    const transient = await mailer
      .send(mail(4), { beforeEndOfData: async () => {} })
      .catch((e: unknown) => e);
    smtp.failNext(1, 550);
    const permanent = await mailer
      .send(mail(5), { beforeEndOfData: async () => {} })
      .catch((e: unknown) => e);
    await mailer.close();
    expect(transient).toMatchObject({ transient: true, mayHaveBeenAccepted: false });
    expect(permanent).toMatchObject({ transient: false });
  });
});
