// The HTML part: one question with its score buttons in the email itself. Tables, attributes and inline
// styles only (no <style>, no external CSS, no script), inside a 600px column, as Gmail, Outlook and
// Apple Mail all render that alike.
import { t, type Locale, type MessageKey } from "../../i18n/messages.ts";
import { COLORS, FONT_STACK } from "./email-style.ts";
import { escapeHtml, mailtoUrl } from "./html-safety.ts";
import { scoreButtonsHtml } from "./score-buttons.ts";
import { greeting, type SurveyEmailView } from "./survey-email-view.ts";

const text = (size: number, color: string, extra = "") =>
  `font-family:${FONT_STACK};font-size:${size}px;line-height:1.6;color:${color};${extra}`;
const link = (href: string, label: string, color: string = COLORS.link) =>
  `<a href="${escapeHtml(href)}" style="color:${color};text-decoration:underline">${label}</a>`;
/** Line breaks the survey owner typed stay line breaks. */
const lines = (escaped: string) => escaped.replace(/\r?\n/g, "<br>");

/**
 * A catalogue message with HTML (a link, an escaped value) put into its {placeholders}. The message is
 * read without values and split at its placeholders, so a value can never be taken for a placeholder.
 */
function messageHtml(locale: Locale, key: MessageKey, slots: Record<string, string>): string {
  return t(locale, key)
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 1 ? (slots[part] ?? "") : escapeHtml(part)))
    .join("");
}

export function surveyEmailHtml(view: SurveyEmailView, subject: string): string {
  const { locale } = view;
  const { question, intro } = view.ownerTexts(escapeHtml);
  const p = (html: string, style = text(16, COLORS.ink)) => `<p style="margin:0 0 16px;${style}">${html}</p>`;
  const body = [
    header(view),
    p(escapeHtml(greeting(view))),
    view.reminder ? p(escapeHtml(t(locale, "email.reminder"))) : "",
    p(lines(intro)),
    `<h1 style="margin:24px 0 16px;${text(20, COLORS.ink, "font-weight:700;line-height:1.45")}">${lines(question)}</h1>`,
    scoreButtonsHtml(view.kind, locale, view.scores),
    `<p style="margin:20px 0 8px;${text(14, COLORS.muted)}">${escapeHtml(t(locale, "email.hint"))}</p>`,
    `<p style="margin:0;${text(14, COLORS.muted)}">${messageHtml(locale, "email.link", {
      link: link(view.surveyUrl, escapeHtml(t(locale, "email.link.label"))),
    })}</p>`,
  ].join("");
  return `<!doctype html>
<html lang="${locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:${COLORS.page}" bgcolor="${COLORS.page}">
${preheader(question)}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${COLORS.page}" style="background:${COLORS.page}">
<tr><td align="center" style="padding:24px 12px">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px">
<tr><td bgcolor="${COLORS.card}" style="background:${COLORS.card};border-top:4px solid ${view.brand.color};border-radius:12px;padding:24px 24px 28px;${locale === "ja" ? "word-break:auto-phrase;" : ""}">
${body}
</td></tr>
<tr><td style="padding:20px 24px 8px">
${footer(view)}
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
}

/** The logo (its alt text is the brand's name, shown when images are blocked), else the name itself. */
function header(view: SurveyEmailView): string {
  const name = escapeHtml(view.brand.name);
  // Outlook sizes images by their attributes; other clients follow the CSS, which keeps the aspect ratio.
  const content = view.brand.logoUrl
    ? `<img src="${escapeHtml(view.brand.logoUrl)}" alt="${name}" width="200" height="40" ` +
      `style="display:block;height:40px;width:auto;max-width:200px;border:0;${text(16, COLORS.ink, "font-weight:700")}">`
    : name;
  return `<p style="margin:0 0 20px;${text(15, COLORS.muted, "font-weight:700")}">${content}</p>`;
}

/** Shown in the inbox list beside the subject, hidden in the email itself. */
function preheader(question: string): string {
  return (
    `<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;` +
    `line-height:1px;color:${COLORS.page}">${question}</div>`
  );
}

/** Sender, contact address and an opt-out link: what 特定電子メール法 asks every such email to show. */
function footer(view: SurveyEmailView): string {
  const { locale, sender } = view;
  const small = text(12, COLORS.muted);
  const mailto = sender.address ? mailtoUrl(sender.address) : undefined;
  const address = sender.address
    ? messageHtml(locale, "email.footer.contact", {
        address: mailto ? link(mailto, escapeHtml(sender.address), COLORS.muted) : escapeHtml(sender.address),
      })
    : "";
  const postal = sender.postalAddress
    ? messageHtml(locale, "email.footer.postal", { address: lines(escapeHtml(sender.postalAddress)) })
    : "";
  const unsubscribe = messageHtml(locale, "email.footer.unsubscribe", {
    link: link(view.unsubscribeUrl, escapeHtml(t(locale, "email.footer.unsubscribe.label")), COLORS.muted),
  });
  return [
    messageHtml(locale, "email.footer.sender", { sender: escapeHtml(sender.name) }),
    address,
    postal,
    unsubscribe,
  ]
    .filter(Boolean)
    .map((html) => `<p style="margin:0 0 6px;${small}">${html}</p>`)
    .join("");
}
