// The survey email as MIME: multipart/alternative with a text and an HTML part, both UTF-8 in base64
// (compact for Japanese, where quoted-printable triples every byte, and cheap to encode), and headers
// encoded per RFC 2047. Built by hand because it is always this one shape, and a general composer
// costs more CPU per message than the rest of sending put together.
import { randomBytes } from "node:crypto";
import type { OutgoingMail } from "./mailer.ts";

const CRLF = "\r\n";

/** Base64 in lines of 76 characters (RFC 2045). */
function base64Lines(text: string): string {
  const b64 = Buffer.from(text, "utf8").toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

/** A header value as is when it is printable ASCII, else as folded UTF-8 encoded-words. */
export function encodeHeaderText(value: string): string {
  const clean = value.replace(/[\r\n]+/g, " ");
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk = "";
  // At most 45 bytes per word keeps each encoded-word within 75 characters; never split a character.
  for (const ch of clean) {
    if (Buffer.byteLength(chunk + ch, "utf8") > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join(`${CRLF} `);
}

const address = (a: { name: string; address: string }) =>
  a.name
    ? `${/^[\w .-]*$/.test(a.name) ? `"${a.name}"` : encodeHeaderText(a.name)} <${a.address}>`
    : a.address;

/** The message as sent; `date` (the clock's time) is its Date header. */
export function buildMime(mail: OutgoingMail, date: Date): Buffer {
  const boundary = `koe-${randomBytes(12).toString("hex")}`;
  const headers: [string, string][] = [
    ["Message-ID", mail.messageId],
    ["Date", date.toUTCString().replace("GMT", "+0000")],
    ["From", address(mail.from)],
    ["To", mail.to],
    ["Subject", encodeHeaderText(mail.subject)],
    ["MIME-Version", "1.0"],
    ...Object.entries(mail.headers).map(([k, v]): [string, string] => [k, encodeHeaderText(v)]),
    ["Content-Type", `multipart/alternative; boundary="${boundary}"`],
  ];
  const part = (type: string, body: string) =>
    `--${boundary}${CRLF}Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(body)}${CRLF}`;
  return Buffer.from(
    headers.map(([k, v]) => `${k}: ${v}`).join(CRLF) +
      CRLF +
      CRLF +
      part("text/plain", mail.text) +
      part("text/html", mail.html) +
      `--${boundary}--${CRLF}`,
    "utf8",
  );
}
