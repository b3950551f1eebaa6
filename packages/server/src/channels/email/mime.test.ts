import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildMime } from "./mime.ts";

const mail = {
  workspaceId: "00000000-0000-0000-0000-000000000001",
  messageId: "<m1@koe.test>",
  from: { name: "ひかりクラウド, Inc.", address: "nps@hikari.example.jp" },
  to: "hanako@example.jp",
  subject:
    "【ひかりクラウド】1問だけのアンケートにご協力ください。所要時間は10秒ほどです。よろしくお願いいたします",
  html: `<p>${"山田 花子様、いつもご利用ありがとうございます。".repeat(40)}</p>`,
  text: "山田 花子様\n0: https://koe.test/r/x?score=0",
  headers: {
    "List-Unsubscribe": `<https://koe.test/u/${"A".repeat(120)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  },
};

/** The clock's time the message goes out at: its Date header. */
const sentAt = new Date("2026-12-03T09:00:05Z");

describe("buildMime", () => {
  it("round-trips a long Japanese subject, a sender name with a comma, both parts and the headers", async () => {
    const raw = buildMime(mail, sentAt);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.value[0]).toEqual({ name: "ひかりクラウド, Inc.", address: "nps@hikari.example.jp" });
    expect(parsed.messageId).toBe("<m1@koe.test>");
    expect(parsed.date?.toISOString()).toBe(sentAt.toISOString());
    expect(parsed.headerLines.find((h) => h.key === "date")?.line).toBe(
      "Date: Thu, 03 Dec 2026 09:00:05 +0000",
    );
    expect(parsed.text).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);
    const line = parsed.headerLines.find((h) => h.key === "list-unsubscribe")?.line;
    expect(line).toBe(`List-Unsubscribe: ${mail.headers["List-Unsubscribe"]}`);
  });

  it("keeps every line within the 998-character limit and ends lines with CRLF", () => {
    const text = buildMime(mail, sentAt).toString("utf8");
    const lines = text.split("\r\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(998);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("cannot be given an extra header through a line break in the subject", async () => {
    const parsed = await simpleParser(
      buildMime({ ...mail, subject: "Hello\r\nBcc: victim@example.com" }, sentAt),
    );
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe("Hello Bcc: victim@example.com");
  });
});
