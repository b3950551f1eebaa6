// Guard: the server reads the time only through the one clock (src/clock.ts). Any `Date.now`, `new Date()`
// without an argument or bare `Date()` in the server's own code fails here, unless its file is listed below
// with the reason, so new code cannot slip past the clock a test moves.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname);

/** Files that may read the machine's time themselves, and why. Paths are relative to src/. */
const ALLOWED: Record<string, { reason: string; pending?: true }> = {
  "clock.ts": { reason: "systemClock is the one reader of the machine's time" },
  // The jobs work (pg-boss on the same Clock) takes this one over; it leaves the list then.
  "jobs/campaign-preview.ts": { reason: "jobs: a test send's times, moving onto the Clock", pending: true },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Each place the code reads the machine's time, as `line: text`. */
function clockReads(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const isDate = (e: ts.Expression) => ts.isIdentifier(e) && e.text === "Date";
  const visit = (node: ts.Node) => {
    const read =
      // Date.now, called or handed on (`opts.now ?? Date.now`)
      (ts.isPropertyAccessExpression(node) && isDate(node.expression) && node.name.text === "now") ||
      // new Date() / new Date: the current time
      (ts.isNewExpression(node) && isDate(node.expression) && !node.arguments?.length) ||
      // Date(): the current time as text
      (ts.isCallExpression(node) && isDate(node.expression));
    if (read) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("reading the time", () => {
  it("finds each way of reading the machine's time, and not a given one", () => {
    const code = [
      "const a = Date.now();",
      "const b = opts.now ?? Date.now;",
      "const c = new Date();",
      "const d = new Date;",
      "const e = Date();",
      "const ok = [new Date(at), new Date(clock.now()), Date.parse(s), Date.UTC(2026, 0, 1), clock.now()];",
      "// Date.now() in a comment is no read",
      'const s = "new Date()";',
    ].join("\n");
    expect(clockReads("x.ts", code)).toEqual([
      "1: Date.now",
      "2: Date.now",
      "3: new Date()",
      "4: new Date",
      "5: Date()",
    ]);
  });

  it("happens only through the clock in the server's code", () => {
    const offenders: string[] = [];
    const readers = new Set<string>();
    for (const path of sourceFiles(SRC)) {
      const name = relative(SRC, path).split(sep).join("/");
      const reads = clockReads(name, readFileSync(path, "utf8"));
      if (reads.length) readers.add(name);
      if (reads.length && !ALLOWED[name]) offenders.push(...reads.map((r) => `${name}:${r}`));
    }
    // Take the time from the Clock handed in (AppDeps.clock, a `now: Date` parameter); see src/clock.ts.
    expect(offenders).toEqual([]);
    // An allowed file that no longer reads the time leaves the list, so the list only shrinks.
    const stale = Object.entries(ALLOWED)
      .filter(([name, a]) => !a.pending && !readers.has(name))
      .map(([name]) => name);
    expect(stale).toEqual([]);
  });
});
