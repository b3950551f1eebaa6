import { describe, expect, it } from "vitest";
import { signFormToken, signSendToken, verifyFormToken, verifySendToken, TokenError } from "./token.ts";

const secret = "s".repeat(40);
const t = {
  workspaceId: "01a20ca7-fdba-70ce-8bdf-7698d190bb0b",
  sendId: "01a20ca8-0f49-7607-98c9-f311bdad81c4",
  expiresAt: new Date(Date.now() + 86_400_000),
};

describe("send tokens", () => {
  it("round-trip the workspace, send and expiry", () => {
    const back = verifySendToken(secret, signSendToken(secret, t));
    expect(back.workspaceId).toBe(t.workspaceId);
    expect(back.sendId).toBe(t.sendId);
    expect(Math.abs(back.expiresAt.getTime() - t.expiresAt.getTime())).toBeLessThan(1000);
  });

  it("reject any altered character, another secret, and expired tokens", () => {
    const token = signSendToken(secret, t);
    for (let i = 0; i < token.length; i += 7) {
      const c = token[i] === "A" ? "B" : "A";
      expect(() => verifySendToken(secret, token.slice(0, i) + c + token.slice(i + 1))).toThrow(TokenError);
    }
    expect(() => verifySendToken("x".repeat(40), token)).toThrow("not valid");
    const old = signSendToken(secret, { ...t, expiresAt: new Date(Date.now() - 1000) });
    expect(() => verifySendToken(secret, old)).toThrow("expired");
    expect(() => verifySendToken(secret, "<script>")).toThrow("not valid");
  });
});

describe("form tokens", () => {
  it("are bound to their subject and age", () => {
    const ft = signFormToken(secret, "send-1");
    expect(verifyFormToken(secret, "send-1", ft)).toBe(true);
    expect(verifyFormToken(secret, "send-2", ft)).toBe(false);
    expect(
      verifyFormToken(secret, "send-1", signFormToken(secret, "send-1", Date.now() - 2 * 86_400_000)),
    ).toBe(false);
    expect(verifyFormToken(secret, "send-1", "garbage")).toBe(false);
  });
});
