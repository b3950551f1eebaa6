// Declared operations onto a Hono router: each request is read through its operation's schemas before the
// handler runs, and the handler's answer leaves with the declared status.
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { ensure } from "../../domain/auth/permissions.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { isId } from "../../domain/ids.ts";
import type { AppEnv } from "../env.ts";
import { body, check, query, readJson } from "../validate.ts";
import type { Operation, Route } from "./operation.ts";

/** `/api/v1/surveys/{id}` below `base` (/api/v1/surveys) as Hono writes it: `/:id`. */
export function localPath(base: string, path: string): string {
  if (!path.startsWith(base)) throw new Error(`${path} is not under ${base}`);
  return path.slice(base.length).replace(/\{(\w+)\}/g, ":$1") || "/";
}

function params(c: Context, op: Operation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(op.params ?? {})) {
    const value = c.req.param(name) ?? "";
    if (typeof spec === "string") {
      if (!isId(value)) throw new NotFoundError(`${spec} ${value} not found`);
      out[name] = value;
    } else out[name] = check(spec as z.ZodType<string>, value, name);
  }
  return out;
}

/** An upload must come as one of its media types (parameters such as charset aside). */
function checkUpload(c: Context, op: Operation): void {
  if (!op.upload || op.body) return;
  const media = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!op.upload.mediaTypes.includes(media))
    throw new HTTPException(415, { message: `send the file as ${op.upload.mediaTypes.join(" or ")}` });
}

async function answer(c: Context<AppEnv>, route: Route): Promise<Response> {
  const { op } = route;
  if (op.access) ensure(op.access.allowed(c.var.actor), op.access.to);
  checkUpload(c, op);
  const input = {
    params: params(c, op),
    query: op.query ? query(c, op.query) : {},
    body: op.body ? (op.bodyCheck === "handler" ? await readJson(c) : await body(c, op.body)) : {},
  };
  const out = await route.handle(c, input as never);
  if (out instanceof Response) return out;
  if (op.success.status === 204) return c.body(null, 204);
  return c.json(out as object, op.success.status);
}

/** A router for the operations under `base` (where app.ts mounts it), and the operations for the document. */
export function contractRoutes(
  base: string,
  routes: Route[],
): { routes: Hono<AppEnv>; operations: Operation[] } {
  const router = new Hono<AppEnv>();
  for (const r of routes) {
    const [method, path] = [r.op.method.toUpperCase(), localPath(base, r.op.path)];
    for (const mw of r.before) router.on(method, path, mw);
    router.on(method, path, (c) => answer(c, r));
  }
  return { routes: router, operations: routes.map((r) => r.op) };
}
