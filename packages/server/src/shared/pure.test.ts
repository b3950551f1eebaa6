// The shared module is what the admin app's bundle takes from the server package (@koe/server/shared):
// it must stay plain TypeScript, importing only its own files (no node:, no database, no zod).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as shared from "./index.ts";

const dir = new URL(".", import.meta.url);
const modules = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("the shared module", () => {
  it("imports nothing but its own files", () => {
    const outside = modules.flatMap((f) =>
      [
        ...readFileSync(new URL(f, dir), "utf8").matchAll(
          /\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g,
        ),
      ]
        .map((m) => m[1] ?? m[2] ?? "")
        .filter((s) => !/^\.\/[\w-]+\.ts$/.test(s))
        .map((s) => `${f}: ${s}`),
    );
    expect(outside).toEqual([]);
  });

  it("exports every module from its index", () => {
    const index = readFileSync(new URL("index.ts", dir), "utf8");
    expect(modules.filter((f) => f !== "index.ts" && !index.includes(`"./${f}"`))).toEqual([]);
  });

  it("gives the least role of each permission as the server enforces it", () => {
    expect(shared.roleMay("viewer", "read")).toBe(true);
    expect(shared.roleMay("viewer", "recordResponses")).toBe(false);
    expect(shared.roleMay("member", "editContacts")).toBe(true);
    expect(shared.roleMay("member", "editWorkspace")).toBe(false);
    expect(shared.roleMay("admin", "editWorkspace")).toBe(true);
    expect(shared.roleMay("admin", "manageAccess")).toBe(false);
    expect(shared.roleMay("owner", "manageAccess")).toBe(true);
  });
});
