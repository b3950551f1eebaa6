import { createMiddleware } from "hono/factory";
import { authenticateApiKey } from "../../domain/auth/api-keys.ts";
import { UnauthorizedError } from "../../domain/errors.ts";
import type { AppDeps, AppEnv } from "../env.ts";

export const apiKeyAuth = (deps: AppDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError("send an API key as 'Authorization: Bearer <key>'");
    const actor = await authenticateApiKey(deps.db, match[1]);
    if (!actor) throw new UnauthorizedError("this API key is unknown or revoked");
    c.set("actor", actor);
    await next();
  });
