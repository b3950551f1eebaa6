// Unsubscribe links: the workspace, the email address and, for the record, the send, sealed with the
// server secret. No expiry: an unsubscribe link must keep working as long as its email can be read.
// Sealed rather than only signed, because the link travels in List-Unsubscribe headers, server logs and
// forwarded mail, and the page itself shows the address only masked.
import { createCipheriv, createHmac, timingSafeEqual } from "node:crypto";
import { TokenError, uuidBytes, uuidOf } from "../sends/token.ts";
import { ValidationError } from "../errors.ts";
import { MAX_EMAIL, normaliseEmail } from "./suppression-schema.ts";

export interface UnsubscribeToken {
  workspaceId: string;
  /** Lower case, as stored in the suppression list. */
  email: string;
  sendId?: string | undefined;
}

const TAG = 16;
const WITHOUT_SEND = 1;
const WITH_SEND = 2;
const MIN_BYTES = TAG + 1 + 16 + 3; // a@b
const MAX_CHARS = Math.ceil(((TAG + 1 + 32 + MAX_EMAIL) * 4) / 3);

// Keys derived per use, so neither shares a key with the other nor with the send and form tokens.
const keyFor = (secret: string, use: "mac" | "enc") =>
  createHmac("sha256", secret).update(`unsubscribe:${use}`).digest();

// Deterministic authenticated encryption in the SIV style: the tag is an HMAC of the plain bytes and
// is also the cipher's IV, so changing any byte of the token fails the check, and the same address
// always gets the same link.
const tagOf = (secret: string, plain: Buffer) =>
  createHmac("sha256", keyFor(secret, "mac")).update(plain).digest().subarray(0, TAG);

function ctr(secret: string, iv: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv("aes-256-ctr", keyFor(secret, "enc"), iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

export function signUnsubscribeToken(secret: string, t: UnsubscribeToken): string {
  const email = normaliseEmail(t.email);
  if (!email) throw new ValidationError([{ path: "email", message: "must be an email address" }]);
  const plain = Buffer.concat([
    Buffer.of(t.sendId ? WITH_SEND : WITHOUT_SEND),
    uuidBytes(t.workspaceId),
    t.sendId ? uuidBytes(t.sendId) : Buffer.alloc(0),
    Buffer.from(email, "utf8"),
  ]);
  const tag = tagOf(secret, plain);
  return Buffer.concat([tag, ctr(secret, tag, plain)]).toString("base64url");
}

export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeToken {
  if (token.length > MAX_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) throw new TokenError("invalid");
  const raw = Buffer.from(token, "base64url");
  // The last character may carry ignored bits: accept only the one canonical spelling.
  if (raw.length < MIN_BYTES || raw.toString("base64url") !== token) throw new TokenError("invalid");
  const tag = raw.subarray(0, TAG);
  const plain = ctr(secret, tag, raw.subarray(TAG));
  if (!timingSafeEqual(tag, tagOf(secret, plain))) throw new TokenError("invalid");
  const withSend = plain[0] === WITH_SEND;
  const emailAt = withSend ? 33 : 17;
  const email = plain.subarray(emailAt).toString("utf8");
  if ((plain[0] !== WITH_SEND && plain[0] !== WITHOUT_SEND) || normaliseEmail(email) !== email)
    throw new TokenError("invalid");
  return {
    workspaceId: uuidOf(plain.subarray(1, 17)),
    email,
    ...(withSend ? { sendId: uuidOf(plain.subarray(17, 33)) } : {}),
  };
}

/** The public unsubscribe page of this address, for the email body and the List-Unsubscribe header. */
export function unsubscribeUrl(
  baseUrl: string,
  secret: string,
  workspaceId: string,
  email: string,
  sendId?: string,
): string {
  const token = signUnsubscribeToken(secret, { workspaceId, email, sendId });
  return `${baseUrl.replace(/\/+$/, "")}/u/${token}`;
}
