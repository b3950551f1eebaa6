// Personal-link tokens: workspace id, send id and expiry, HMAC-signed with the server secret, so a
// token cannot be altered to answer for another send, contact or survey.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface SendToken {
  workspaceId: string;
  sendId: string;
  expiresAt: Date;
}

export class TokenError extends Error {
  constructor(readonly reason: "invalid" | "expired") {
    super(reason === "expired" ? "this link has expired" : "this link is not valid");
  }
}

export const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
export const uuidOf = (b: Buffer) =>
  b.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac("sha256", secret).update("send:").update(payload).digest().subarray(0, 16);
}

export function signSendToken(secret: string, t: SendToken): string {
  const payload = Buffer.alloc(36);
  uuidBytes(t.workspaceId).copy(payload, 0);
  uuidBytes(t.sendId).copy(payload, 16);
  payload.writeUInt32BE(Math.floor(t.expiresAt.getTime() / 1000), 32);
  return Buffer.concat([payload, mac(secret, payload)]).toString("base64url");
}

export function verifySendToken(secret: string, token: string, now = new Date()): SendToken {
  if (token.length !== 70 || !/^[A-Za-z0-9_-]+$/.test(token)) throw new TokenError("invalid");
  const raw = Buffer.from(token, "base64url");
  // The last character carries 2 bits and 4 ignored ones: accept only the one canonical spelling.
  if (raw.toString("base64url") !== token) throw new TokenError("invalid");
  const payload = raw.subarray(0, 36);
  if (raw.length !== 52 || !timingSafeEqual(raw.subarray(36), mac(secret, payload)))
    throw new TokenError("invalid");
  const expiresAt = new Date(payload.readUInt32BE(32) * 1000);
  if (expiresAt <= now) throw new TokenError("expired");
  return {
    workspaceId: uuidOf(payload.subarray(0, 16)),
    sendId: uuidOf(payload.subarray(16, 32)),
    expiresAt,
  };
}

/** A short-lived signed value for public forms (CSRF-safe without a session). */
export function signFormToken(secret: string, subject: string, now = Date.now()): string {
  const issued = Math.floor(now / 1000).toString(36);
  const sig = createHmac("sha256", secret)
    .update(`form:${subject}:${issued}`)
    .digest("base64url")
    .slice(0, 22);
  return `${issued}.${sig}`;
}

export function verifyFormToken(
  secret: string,
  subject: string,
  token: string,
  maxAgeMs = 86_400_000,
): boolean {
  const [issued, sig] = token.split(".");
  if (!issued || !sig || issued.length > 10) return false;
  const expected = createHmac("sha256", secret)
    .update(`form:${subject}:${issued}`)
    .digest("base64url")
    .slice(0, 22);
  const age = Date.now() - parseInt(issued, 36) * 1000;
  return (
    sig.length === expected.length &&
    timingSafeEqual(Buffer.from(sig), Buffer.from(expected)) &&
    age >= -60_000 &&
    age <= maxAgeMs
  );
}
