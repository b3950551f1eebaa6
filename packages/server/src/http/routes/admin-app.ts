// /admin: the built admin app (packages/admin/dist). Hashed assets are cached for good; any other path
// gets index.html, so the app's own routes survive a reload.
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { Hono } from "hono";

import { adminDistDir as dist } from "../../package-paths.ts";

const types: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

async function file(path: string): Promise<Buffer | undefined> {
  const full = normalize(join(dist, path));
  if (!full.startsWith(dist)) return undefined; // no way out of dist
  return readFile(full).catch(() => undefined);
}

export function adminAppRoutes(): Hono {
  return new Hono().get("/*", async (c) => {
    const path = c.req.path.replace(/^\/admin\/?/, "");
    const asset = path && extname(path) ? await file(path) : undefined;
    if (asset) {
      c.header("content-type", types[extname(path)] ?? "application/octet-stream");
      c.header(
        "cache-control",
        path.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
      return c.body(new Uint8Array(asset));
    }
    if (path.startsWith("assets/")) return c.text("not found", 404);
    const index = await file("index.html");
    if (!index) {
      return c.text(
        "The admin app is not built yet: run `npm run build -w packages/admin` (npm ci does it).",
        503,
      );
    }
    c.header("cache-control", "no-cache");
    c.header(
      "content-security-policy",
      "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
    return c.html(index.toString("utf8"));
  });
}
