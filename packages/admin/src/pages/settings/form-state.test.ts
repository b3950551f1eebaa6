import { describe, expect, it } from "vitest";
import { checkOrigin } from "./form-state.ts";

describe("checkOrigin", () => {
  it("takes what the server takes as an embedding site, and explains the rest before a round trip", () => {
    for (const ok of [
      "https://www.example.com",
      " https://Shop.Example/ ",
      "https://a.example:8443",
      "https://*.example.jp",
    ])
      expect(checkOrigin(ok), ok).toBeUndefined();
    for (const bad of [
      "http://www.example.com",
      "https://www.example.com/survey",
      "www.example.com",
      "https://*.com",
      "*",
      "https://a.example?x=1",
      "https://user@a.example",
    ])
      expect(checkOrigin(bad), bad).toEqual({ key: "check.origin" });
  });
});
