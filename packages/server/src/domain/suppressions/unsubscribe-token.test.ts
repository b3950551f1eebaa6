import { describe, expect, it } from "vitest";
import { TokenError } from "../sends/token.ts";
import { signUnsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from "./unsubscribe-token.ts";

const secret = "s".repeat(40);
const workspaceId = "01a20ca7-fdba-70ce-8bdf-7698d190bb0b";
const sendId = "01a20ca8-0f49-7607-98c9-f311bdad81c4";

describe("unsubscribe tokens", () => {
  it("round-trip the workspace, the address in lower case and the optional send", () => {
    const token = signUnsubscribeToken(secret, { workspaceId, email: " Taro.Yamada@Example.JP " });
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ workspaceId, email: "taro.yamada@example.jp" });
    const withSend = signUnsubscribeToken(secret, { workspaceId, email: "taro@example.jp", sendId });
    expect(verifyUnsubscribeToken(secret, withSend)).toEqual({
      workspaceId,
      email: "taro@example.jp",
      sendId,
    });
  });

  it("do not spell out the address, and give one address one stable link", () => {
    const token = signUnsubscribeToken(secret, { workspaceId, email: "taro@example.jp" });
    expect(Buffer.from(token, "base64url").toString("latin1")).not.toContain("example");
    expect(signUnsubscribeToken(secret, { workspaceId, email: "TARO@example.jp" })).toBe(token);
    expect(signUnsubscribeToken(secret, { workspaceId, email: "jiro@example.jp" })).not.toBe(token);
  });

  it("reject every altered character, another secret, a non-canonical spelling and junk", () => {
    const token = signUnsubscribeToken(secret, { workspaceId, email: "taro@example.jp", sendId });
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === "A" ? "B" : "A";
      expect(() => verifyUnsubscribeToken(secret, token.slice(0, i) + c + token.slice(i + 1))).toThrow(
        TokenError,
      );
    }
    expect(() => verifyUnsubscribeToken("x".repeat(40), token)).toThrow(TokenError);
    expect(() => verifyUnsubscribeToken(secret, token.slice(0, -1))).toThrow(TokenError);
    expect(() => verifyUnsubscribeToken(secret, token + "A")).toThrow(TokenError);
    for (const junk of ["", "<script>", "A".repeat(5000), "%00"])
      expect(() => verifyUnsubscribeToken(secret, junk)).toThrow(TokenError);
  });

  it("accept only the canonical spelling of the last character", () => {
    // 16 + 1 + 16 + 15 = 48 bytes is a whole number of base64 groups; 49 leaves spare bits to flip.
    const token = signUnsubscribeToken(secret, { workspaceId, email: "abcdefghijk@x.jp" });
    expect(Buffer.from(token, "base64url").length % 3).not.toBe(0);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = token.at(-1) as string;
    const sameBits = [...alphabet].filter(
      (ch) =>
        ch !== last &&
        Buffer.from(token.slice(0, -1) + ch, "base64url").equals(Buffer.from(token, "base64url")),
    );
    expect(sameBits.length).toBeGreaterThan(0);
    for (const ch of sameBits)
      expect(() => verifyUnsubscribeToken(secret, token.slice(0, -1) + ch)).toThrow(TokenError);
  });

  it("make the page address under the base URL, and refuse a non-address", () => {
    const url = unsubscribeUrl("https://koe.example.com/", secret, workspaceId, "taro@example.jp", sendId);
    expect(url).toMatch(/^https:\/\/koe\.example\.com\/u\/[A-Za-z0-9_-]+$/);
    const back = verifyUnsubscribeToken(secret, url.split("/u/")[1] as string);
    expect(back).toEqual({ workspaceId, email: "taro@example.jp", sendId });
    expect(() => unsubscribeUrl("https://koe.example.com", secret, workspaceId, "not an address")).toThrow();
  });
});
