import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  formTokenIssuedAt,
  humanMark,
  isHumanMark,
  signFormToken,
  signSendToken,
  verifyFormToken,
  verifySendToken,
  TokenError,
} from "./token.ts";

const secret = "s".repeat(40);
/** The clock's time in these tests: every check is as of this instant, never the machine's. */
const now = new Date("2026-12-03T09:00:00Z");
const t = {
  workspaceId: "01a20ca7-fdba-70ce-8bdf-7698d190bb0b",
  sendId: "01a20ca8-0f49-7607-98c9-f311bdad81c4",
  expiresAt: new Date(now.getTime() + 86_400_000),
};

describe("send tokens", () => {
  it("round-trip the workspace, send and expiry", () => {
    const back = verifySendToken(secret, signSendToken(secret, t), now);
    expect(back.workspaceId).toBe(t.workspaceId);
    expect(back.sendId).toBe(t.sendId);
    expect(Math.abs(back.expiresAt.getTime() - t.expiresAt.getTime())).toBeLessThan(1000);
  });

  it("reject any altered character, another secret, and expired tokens", () => {
    const token = signSendToken(secret, t);
    for (let i = 0; i < token.length; i += 7) {
      const c = token[i] === "A" ? "B" : "A";
      expect(() => verifySendToken(secret, token.slice(0, i) + c + token.slice(i + 1), now)).toThrow(
        TokenError,
      );
    }
    expect(() => verifySendToken("x".repeat(40), token, now)).toThrow("not valid");
    const old = signSendToken(secret, { ...t, expiresAt: new Date(now.getTime() - 1000) });
    expect(() => verifySendToken(secret, old, now)).toThrow("expired");
    // Expiry is the clock's: the same token is good a second before it ends, expired once it has.
    expect(
      verifySendToken(secret, signSendToken(secret, t), new Date(t.expiresAt.getTime() - 1000)).sendId,
    ).toBe(t.sendId);
    expect(() => verifySendToken(secret, signSendToken(secret, t), t.expiresAt)).toThrow("expired");
    expect(() => verifySendToken(secret, "<script>", now)).toThrow("not valid");
  });
});

describe("form tokens", () => {
  it("are bound to their subject and age", () => {
    const at = now.getTime();
    const ft = signFormToken(secret, "send-1", at);
    expect(verifyFormToken(secret, "send-1", ft, at)).toBe(true);
    expect(verifyFormToken(secret, "send-2", ft, at)).toBe(false);
    expect(verifyFormToken(secret, "send-1", signFormToken(secret, "send-1", at - 2 * 86_400_000), at)).toBe(
      false,
    );
    expect(verifyFormToken(secret, "send-1", "garbage", at)).toBe(false);
  });
});

describe("form tokens' time and the page script's mark", () => {
  it("carry when the page was served, to the millisecond; tokens in whole seconds still verify", () => {
    const at = Date.UTC(2026, 11, 3, 9, 0, 0, 123);
    const ft = signFormToken(secret, "send-1", at);
    expect(formTokenIssuedAt(ft)).toBe(at);
    expect(verifyFormToken(secret, "send-1", ft, at + 5_000)).toBe(true);
    expect(verifyFormToken(secret, "send-1", ft, at + 2 * 86_400_000)).toBe(false);
    // A page served before the change carried seconds: its form still posts.
    const seconds = Math.floor(at / 1000).toString(36);
    const legacy = `${seconds}.${createHmac("sha256", secret).update(`form:send-1:${seconds}`).digest("base64url").slice(0, 22)}`;
    expect(formTokenIssuedAt(legacy)).toBe(Math.floor(at / 1000) * 1000);
    expect(verifyFormToken(secret, "send-1", legacy, at + 5_000)).toBe(true);
  });

  it("make a mark that belongs to one form token and this server", () => {
    const ft = signFormToken(secret, "send-1", now.getTime());
    const mark = humanMark(secret, ft);
    expect(isHumanMark(secret, ft, mark)).toBe(true);
    expect(isHumanMark(secret, signFormToken(secret, "send-1", now.getTime() - 1000), mark)).toBe(false);
    expect(isHumanMark("x".repeat(40), ft, mark)).toBe(false);
    expect(isHumanMark(secret, ft, "")).toBe(false);
  });
});
