#!/usr/bin/env node
// The `koe` command. Runs the bundle that `npm ci` builds (dist/koe.js) when it is newer than every source
// file, else the TypeScript sources through tsx, so an edited checkout never runs stale code.
import { readdirSync, statSync } from "node:fs";

const bundle = new URL("../dist/koe.js", import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = new URL(entry.name + (entry.isDirectory() ? "/" : ""), dir);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  try {
    return statSync(bundle).mtimeMs >= newestSource(new URL("../src/", import.meta.url));
  } catch {
    return false;
  }
}

if (process.env.KOE_FROM_SOURCE !== "1" && bundleIsCurrent()) {
  await import(bundle.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
