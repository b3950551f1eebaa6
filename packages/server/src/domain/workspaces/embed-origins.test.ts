import { describe, expect, it } from "vitest";
import { embedOriginsOf, normaliseEmbedOrigin } from "./embed-origins.ts";

describe("embed origins", () => {
  it("are spelt as the header needs them", () => {
    expect(normaliseEmbedOrigin(" HTTPS://WWW.Example.COM/ ")).toBe("https://www.example.com");
    expect(normaliseEmbedOrigin("https://www.example.com:443")).toBe("https://www.example.com");
    expect(normaliseEmbedOrigin("https://例え.jp")).toBe("https://xn--r8jz45g.jp");
    expect(normaliseEmbedOrigin("https://*.example.co.jp")).toBe("https://*.example.co.jp");
    for (const bad of ["https://*.jp", "https://*.10.0.0.1", "https://a.example/x", "https://a..example", ""])
      expect(normaliseEmbedOrigin(bad), bad).toBeUndefined();
  });

  it("read from storage keep only valid origins, so nothing else reaches the header", () => {
    expect(
      embedOriginsOf(["https://a.example", "javascript:alert(1)", 7, "https://a.example/", "*"]),
    ).toEqual(["https://a.example"]);
    expect(embedOriginsOf("https://a.example")).toEqual([]);
    expect(embedOriginsOf(undefined)).toEqual([]);
  });
});
