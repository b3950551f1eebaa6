import { describe, expect, it } from "vitest";
import { ApiError } from "./api/client.ts";
import { errorDetail, errorKey, errorText, isStaleChunk } from "./error-text.ts";

const failure = (status: number, detail?: string) =>
  new ApiError(status, detail === undefined ? { status } : { status, detail });

describe("errorKey", () => {
  it("says each status in its own words", () => {
    const cases: [number, string][] = [
      [0, "error.network"],
      [400, "error.invalid"],
      [422, "error.invalid"],
      [401, "error.unauthorized"],
      [403, "error.forbidden"],
      [404, "error.notFound"],
      [409, "error.conflict"],
      [413, "error.tooLarge"],
      [429, "error.tooMany"],
      [500, "error.server"],
      [502, "error.server"],
      [503, "error.server"],
      [418, "error.unexpected"],
      [200, "error.unexpected"],
    ];
    for (const [status, key] of cases) expect(errorKey(failure(status)), String(status)).toBe(key);
  });

  it("has a sentence for what is not an ApiError", () => {
    expect(errorKey(new TypeError("x is undefined"))).toBe("error.unexpected");
    expect(errorKey("odd")).toBe("error.unexpected");
  });

  it("translates through t, never the server's words", () => {
    const t = (key: string) => `<${key}>`;
    expect(errorText(t, failure(502, "bad gateway"))).toBe("<error.server>");
  });
});

describe("errorDetail", () => {
  it("is the server's own words, else the browser's", () => {
    expect(errorDetail(failure(409, "a workspace keeps an owner"))).toBe("a workspace keeps an owner");
    expect(errorDetail(new ApiError(403, { status: 403, title: "Forbidden" }))).toBe("Forbidden");
    expect(errorDetail(new ApiError(0, { status: 0 }, new TypeError("Failed to fetch")))).toBe(
      "Failed to fetch",
    );
    expect(errorDetail(failure(502))).toBeUndefined();
    // A signed-out admin is not told about API keys.
    expect(errorDetail(failure(401, "send an API key as 'Authorization: Bearer <key>'"))).toBeUndefined();
    expect(errorDetail(new Error("boom"))).toBe("boom");
    expect(errorDetail(undefined)).toBeUndefined();
  });
});

describe("isStaleChunk", () => {
  it("recognises a page's code that is gone, in each browser's words", () => {
    for (const message of [
      "Failed to fetch dynamically imported module: https://x/admin/assets/a.js",
      "error loading dynamically imported module: https://x/admin/assets/a.js",
      "Importing a module script failed.",
      "Unable to preload CSS for /admin/assets/a.css",
    ])
      expect(isStaleChunk(new TypeError(message)), message).toBe(true);
    expect(isStaleChunk(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isStaleChunk("dynamically imported module")).toBe(false);
  });
});
