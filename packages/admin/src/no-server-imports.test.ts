// The admin app reaches the server only through the API (api/client.ts, typed by the generated contract)
// and the shared module the server package exports (@koe/server/shared); never through server sources.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL(".", import.meta.url));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

/** Every module specifier of a file: static and dynamic imports, re-exports, `import type`. */
const specifiers = (text: string): string[] =>
  [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1] ?? "");

/** A path into the server's sources, or a subpath of @koe/server it does not export. */
export const reachesIntoServer = (specifier: string): boolean =>
  /(^|\/)server\/(src|scripts|test)\//.test(specifier) ||
  (specifier.startsWith("@koe/server") && specifier !== "@koe/server/shared");

describe("the admin app's imports", () => {
  it("tells a server source path from the shared module", () => {
    expect(reachesIntoServer("../../../../server/src/domain/surveys/survey-schema.ts")).toBe(true);
    expect(reachesIntoServer("@koe/server/src/db/schema.ts")).toBe(true);
    expect(reachesIntoServer("@koe/server/shared")).toBe(false);
    expect(reachesIntoServer("./api/client.ts")).toBe(false);
    expect(specifiers(`import type { A } from "x";\nexport { b } from 'y';\nawait import("z");`)).toEqual([
      "x",
      "y",
      "z",
    ]);
  });

  it("take nothing from the server's sources", () => {
    const offending = sources(src).flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter(reachesIntoServer)
        .map((s) => `${relative(src, file)}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
