import { describe, expect, it } from "vitest";
import { COLORS, SCORE_FILLS } from "./email-style.ts";
import { renderSurveyEmail, type SurveyEmailInput } from "./survey-email.ts";

const urls = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `https://koe.example.jp/r/tok123?score=${from + i}`);

const jaNps: SurveyEmailInput = {
  locale: "ja",
  kind: "nps",
  question: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？",
  brand: { name: "さくら銀行", color: "#C81E1E" },
  sender: {
    name: "さくら銀行 お客様サービス部",
    address: "support@sakura.example.jp",
    postalAddress: "〒100-0005 東京都千代田区丸の内1-1-1",
  },
  contact: { name: "山田 太郎", email: "taro@example.jp", attributes: { plan: "Pro" } },
  touchpoint: { name: "窓口" },
  scoreUrls: urls(0, 10),
  surveyUrl: "https://koe.example.jp/r/tok123",
  unsubscribeUrl: "https://koe.example.jp/u/unsub456",
  reminder: false,
};

const enCsat: SurveyEmailInput = {
  ...jaNps,
  locale: "en",
  kind: "csat",
  question: "How satisfied were you with {{touchpoint.name | our support}}?",
  brand: { name: "Northwind" },
  sender: { name: "Northwind Support" },
  contact: { name: "Alex", email: "alex@example.com", attributes: {} },
  touchpoint: { name: "your support call" },
  scoreUrls: urls(1, 5),
};

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The text a recipient reads in the body: no head, comments, hidden preheader or tags. */
function visibleText(html: string): string {
  return decode(
    html
      .replace(/<head>[\s\S]*?<\/head>/, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<div style="display:none[\s\S]*?<\/div>/, "")
      .replace(/<\/?a\b[^>]*>/g, "") // a link runs on with the text around it
      .replace(/<[^>]+>/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
}

/** Every link a recipient can click: where it goes and what it says. */
function links(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: decode(m[1] ?? ""),
    text: visibleText(m[2] ?? ""),
  }));
}

/** The score buttons: their number, link and fill colour, left to right. */
function buttons(html: string): { score: number; href: string; fill: string }[] {
  return [
    ...html.matchAll(/<td[^>]*bgcolor="(#[0-9a-f]{6})"[^>]*><a href="([^"]*)"[^>]*>(\d+)<\/a><\/td>/g),
  ].map((m) => ({ fill: m[1] ?? "", href: decode(m[2] ?? ""), score: Number(m[3]) }));
}

describe("the NPS survey email", () => {
  const email = renderSurveyEmail(jaNps);

  it("has eleven score buttons 0–10 in order, each opening its own score, red, yellow and green", () => {
    const row = buttons(email.html);
    expect(row.map((b) => b.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(row.map((b) => b.href)).toEqual(jaNps.scoreUrls);
    expect(row.slice(0, 7).every((b) => b.fill === SCORE_FILLS.low.fill)).toBe(true);
    expect(row.slice(7, 9).every((b) => b.fill === SCORE_FILLS.mid.fill)).toBe(true);
    expect(row.slice(9).every((b) => b.fill === SCORE_FILLS.high.fill)).toBe(true);
    // Colour is never the only signal: the numbers are dark text and the ends are labelled in words.
    expect(email.html).toContain(`color:${COLORS.ink};text-decoration:none">0</a>`);
    expect(visibleText(email.html)).toMatch(/10 まったく薦めない 非常に薦めたい/);
  });

  it("greets the contact by name in polite Japanese and fills {brand} in the question", () => {
    const text = visibleText(email.html);
    expect(text).toContain("山田 太郎様");
    expect(text).toContain("いつもさくら銀行をご利用いただき、ありがとうございます。");
    expect(text).toContain("さくら銀行を友人や同僚に薦める可能性は、どのくらいありますか？");
    expect(text).not.toContain("{brand}");
    expect(text).not.toContain("再送");
  });

  it("greets someone without a name neutrally", () => {
    const anonymous = renderSurveyEmail({ ...jaNps, contact: { ...jaNps.contact, name: "  " } });
    expect(visibleText(anonymous.html)).toMatch(/^さくら銀行 お客様へ いつも/);
    expect(anonymous.text).toMatch(/^お客様へ\n/);
  });

  it("names the sender and the effort in the subject", () => {
    expect(email.subject).toBe("【さくら銀行】1問だけのアンケートにご協力ください");
    expect(renderSurveyEmail({ ...jaNps, reminder: true }).subject).toBe(
      "【さくら銀行】1問だけのアンケートにご協力ください（再送）",
    );
  });

  it("links to the survey page and shows sender, contact address, postal address and opt-out in the footer", () => {
    const all = links(email.html);
    expect(all).toContainEqual({ href: jaNps.surveyUrl, text: "回答ページ" });
    expect(all).toContainEqual({ href: jaNps.unsubscribeUrl, text: "配信停止ページ" });
    expect(all).toContainEqual({
      href: "mailto:support@sakura.example.jp",
      text: "support@sakura.example.jp",
    });
    const text = visibleText(email.html);
    expect(text).toContain("このメールはさくら銀行 お客様サービス部からお送りしています。");
    expect(text).toContain("お問い合わせ先：support@sakura.example.jp");
    expect(text).toContain("所在地：〒100-0005 東京都千代田区丸の内1-1-1");
    expect(text).toContain(
      "今後アンケートメールの受け取りを希望されない場合は、配信停止ページからお手続きください。",
    );
  });

  it("leaves out the address lines a workspace has not set", () => {
    const bare = renderSurveyEmail({ ...jaNps, sender: { name: "さくら銀行" } });
    expect(visibleText(bare.html)).not.toMatch(/お問い合わせ先|所在地/);
    expect(links(bare.html)).toContainEqual({ href: jaNps.unsubscribeUrl, text: "配信停止ページ" });
  });

  it("is a small, table-based email declaring light and dark support, with no script or stylesheet", () => {
    console.log(`NPS email HTML: ${(email.html.length / 1024).toFixed(1)} KB`);
    expect(Buffer.byteLength(email.html)).toBeLessThan(30 * 1024);
    expect(email.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(email.html).toContain('<meta name="supported-color-schemes" content="light dark">');
    expect(email.html).toContain("max-width:600px");
    expect(email.html).not.toMatch(/<script|<style|<link|display:\s*(flex|grid)/i);
    expect(email.html.match(/<table /g)?.length).toBe(
      email.html.match(/<table role="presentation"/g)?.length,
    );
  });

  it("uses the brand colour when valid and the default otherwise", () => {
    expect(email.html).toContain("border-top:4px solid #c81e1e");
    for (const color of ["red", "#c81e1", "#c81e1e;background:url(https://x.example/t.png)", ""]) {
      const html = renderSurveyEmail({ ...jaNps, brand: { name: "さくら銀行", color } }).html;
      expect(html).toContain(`border-top:4px solid ${COLORS.brandDefault}`);
      expect(html).not.toContain("x.example");
    }
  });
});

describe("the plain-text part", () => {
  it("has the question, every score URL on its own line, the survey and unsubscribe links and the sender", () => {
    const { text } = renderSurveyEmail(jaNps);
    const lines = text.split("\n");
    expect(lines).toContain("さくら銀行を友人や同僚に薦める可能性は、どのくらいありますか？");
    expect(lines).toContain("0（まったく薦めない）：https://koe.example.jp/r/tok123?score=0");
    expect(lines).toContain("10（非常に薦めたい）：https://koe.example.jp/r/tok123?score=10");
    for (const [score, url] of jaNps.scoreUrls.entries()) {
      expect(lines.some((line) => line.startsWith(String(score)) && line.endsWith(`：${url}`))).toBe(true);
    }
    expect(lines).toContain("回答ページ：https://koe.example.jp/r/tok123");
    expect(lines).toContain("配信停止：https://koe.example.jp/u/unsub456");
    expect(lines).toContain("このメールはさくら銀行 お客様サービス部からお送りしています。");
  });

  it("reads naturally in English", () => {
    const { text } = renderSurveyEmail(enCsat);
    expect(text).toMatch(/^Hi Alex,\n/);
    expect(text).toContain("How satisfied were you with your support call?");
    expect(text).toContain("1 (Very dissatisfied): https://koe.example.jp/r/tok123?score=1\n2: ");
    expect(text).toContain("5 (Very satisfied): https://koe.example.jp/r/tok123?score=5");
    expect(text).toContain("Unsubscribe: https://koe.example.jp/u/unsub456");
    expect(text).toContain("This email was sent by Northwind Support.");
  });
});

describe("the CSAT and CES survey emails", () => {
  it("show five CSAT buttons with their end labels and an English subject", () => {
    const email = renderSurveyEmail(enCsat);
    const row = buttons(email.html);
    expect(row.map((b) => b.score)).toEqual([1, 2, 3, 4, 5]);
    expect(row.map((b) => b.href)).toEqual(enCsat.scoreUrls);
    expect(new Set(row.map((b) => b.fill))).toEqual(new Set([SCORE_FILLS.any.fill]));
    expect(visibleText(email.html)).toMatch(/5 Very dissatisfied Very satisfied/);
    expect(email.subject).toBe("Northwind: one quick question");
    expect(renderSurveyEmail({ ...enCsat, reminder: true }).subject).toBe(
      "Reminder: one quick question from Northwind",
    );
  });

  it("show seven CES buttons with agreement labels", () => {
    const email = renderSurveyEmail({ ...enCsat, kind: "ces", scoreUrls: urls(1, 7) });
    expect(buttons(email.html).map((b) => b.score)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(visibleText(email.html)).toMatch(/7 Strongly disagree Strongly agree/);
    const ja = renderSurveyEmail({ ...jaNps, kind: "ces", scoreUrls: urls(1, 7) });
    expect(visibleText(ja.html)).toMatch(/7 まったくそう思わない 強くそう思う/);
  });

  it("refuse a number of score links that does not match the scale", () => {
    expect(() => renderSurveyEmail({ ...enCsat, scoreUrls: urls(0, 10) })).toThrow(/5 score URLs/);
    expect(() => renderSurveyEmail({ ...jaNps, scoreUrls: urls(1, 10) })).toThrow(/11 score URLs/);
  });
});

describe("reminders", () => {
  it("say briefly and politely that this is a reminder, in both parts", () => {
    const ja = renderSurveyEmail({ ...jaNps, reminder: true });
    const reminderJa = "先日お送りしたアンケートについて、あらためてご案内いたします。";
    expect(visibleText(ja.html)).toContain(reminderJa);
    expect(ja.text).toContain(reminderJa);
    const en = renderSurveyEmail({ ...enCsat, reminder: true });
    expect(visibleText(en.html)).toContain("A gentle reminder of the question we sent you recently.");
    expect(en.text).toContain("If you have already answered, thank you, and please ignore this email.");
    expect(visibleText(renderSurveyEmail(enCsat).html)).not.toContain("reminder");
  });
});

describe("what the contact, owner and brand supply", () => {
  const hostile: SurveyEmailInput = {
    ...enCsat,
    question: "How was {{contact.attributes.product}}, {{contact.name}}?",
    intro: "Dear {{contact.name}},\n<b>thanks</b> for using {{brand.name}}.",
    brand: { name: "Acme <Corp>", logoUrl: "javascript:alert(3)" },
    contact: {
      name: "<script>alert(1)</script>",
      email: "x@example.com",
      attributes: { product: '<img src=x onerror="alert(2)">' },
    },
  };

  it("is shown as text, never as markup, in the HTML part", () => {
    const { html, text } = renderSurveyEmail(hostile);
    expect(html).not.toMatch(/<script|<img src=x|<b>thanks/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const seen = visibleText(html);
    expect(seen).toContain('How was <img src=x onerror="alert(2)">, <script>alert(1)</script>?');
    expect(seen).toContain("Dear <script>alert(1)</script>, <b>thanks</b> for using Acme <Corp>.");
    expect(html).toContain(",<br>&lt;b&gt;thanks");
    // The plain-text part shows the same characters as they are.
    expect(text).toContain("Dear <script>alert(1)</script>,\n<b>thanks</b> for using Acme <Corp>.");
  });

  it("links or loads only http(s) URLs", () => {
    const { html } = renderSurveyEmail(hostile);
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<img");
    expect(visibleText(html)).toMatch(/^Acme <Corp> Hi/);
    expect(() => renderSurveyEmail({ ...enCsat, surveyUrl: "javascript:alert(1)" })).toThrow(/surveyUrl/);
    expect(() => renderSurveyEmail({ ...enCsat, unsubscribeUrl: "/u/relative" })).toThrow(/unsubscribeUrl/);
    const bad = [...enCsat.scoreUrls];
    bad[2] = "data:text/html,hi";
    expect(() => renderSurveyEmail({ ...enCsat, scoreUrls: bad })).toThrow(/scoreUrls\[2\]/);
  });

  it("shows a logo with alt text and a size, with quotes in URLs escaped", () => {
    const logoUrl = 'https://cdn.example.com/logo.png?v="1"';
    const { html } = renderSurveyEmail({ ...enCsat, brand: { name: "Northwind", logoUrl } });
    expect(html).toMatch(
      /<img src="https:\/\/cdn\.example\.com\/logo\.png\?v=%221%22" alt="Northwind" width="200" height="40"/,
    );
  });

  it("fills merge fields in a subject override, on one line", () => {
    const { subject } = renderSurveyEmail({
      ...jaNps,
      subject: "{{contact.name | お客}}様へ\r\nBcc: x@example.com",
    });
    expect(subject).toBe("山田 太郎様へ Bcc: x@example.com");
  });
});
