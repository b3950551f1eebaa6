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

/** The send behind a personal link, unless it is forged or expired as of `now` (the clock's time). */
export function verifySendToken(secret: string, token: string, now: Date): SendToken {
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

/**
 * A short-lived signed value for public forms (CSRF-safe without a session). It carries the time the page
 * was served (`now`, the clock's epoch ms), so a post can be judged by how long after that it came.
 */
export function signFormToken(secret: string, subject: string, now: number): string {
  const issued = Math.floor(now).toString(36);
  return `${issued}.${formMac(secret, subject, issued)}`;
}

const formMac = (secret: string, subject: string, issued: string) =>
  createHmac("sha256", secret).update(`form:${subject}:${issued}`).digest("base64url").slice(0, 22);

/** When the form token's page was served (ms), if the token is well-formed; its signature is not checked. */
export function formTokenIssuedAt(token: string): number | undefined {
  const issued = token.split(".")[0] ?? "";
  if (!/^[0-9a-z]{1,10}$/.test(issued)) return undefined;
  const n = parseInt(issued, 36);
  // Tokens signed before the milliseconds carried whole seconds (~1.8e9 against ~1.8e12).
  return n < 1e11 ? n * 1000 : n;
}

export function verifyFormToken(
  secret: string,
  subject: string,
  token: string,
  /** The clock's time, epoch ms. */
  now: number,
  maxAgeMs = 86_400_000,
): boolean {
  const [issued, sig] = token.split(".");
  const at = formTokenIssuedAt(token);
  if (!issued || !sig || at === undefined) return false;
  const expected = formMac(secret, subject, issued);
  const age = now - at;
  return (
    sig.length === expected.length &&
    timingSafeEqual(Buffer.from(sig), Buffer.from(expected)) &&
    age >= -60_000 &&
    age <= maxAgeMs
  );
}

/**
 * What the page script puts into the form after a person's first trusted interaction: bound to the form
 * token, so it is one page's, and only readable from the page (the script copies it from an attribute).
 */
export function humanMark(secret: string, formToken: string): string {
  return createHmac("sha256", secret).update(`human:${formToken}`).digest("base64url").slice(0, 22);
}

export function isHumanMark(secret: string, formToken: string, mark: string): boolean {
  const expected = humanMark(secret, formToken);
  return mark.length === expected.length && timingSafeEqual(Buffer.from(mark), Buffer.from(expected));
}
