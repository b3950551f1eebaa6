// /api/v1/triggers: the rules turning incoming events into sends.
import { Hono } from "hono";
import { canEditSurveys, canRead, ensure } from "../../domain/auth/permissions.ts";
import { triggerFilter, triggerInput, triggerPatch } from "../../domain/triggers/trigger-schema.ts";
import {
  createTrigger,
  deleteTrigger,
  getTrigger,
  listTriggers,
  updateTrigger,
} from "../../domain/triggers/triggers.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId, query } from "../validate.ts";

export function triggerRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canRead(c.var.actor), "read triggers");
      return c.json(await listTriggers(db, c.var.actor.workspaceId, query(c, triggerFilter)));
    })
    .post("/", async (c) => {
      ensure(canEditSurveys(c.var.actor), "create triggers");
      return c.json(await createTrigger(db, c.var.actor.workspaceId, await body(c, triggerInput)), 201);
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), "read triggers");
      return c.json(await getTrigger(db, c.var.actor.workspaceId, pathId(c, "trigger")));
    })
    .patch("/:id", async (c) => {
      ensure(canEditSurveys(c.var.actor), "edit triggers");
      const id = pathId(c, "trigger");
      return c.json(await updateTrigger(db, c.var.actor.workspaceId, id, await body(c, triggerPatch)));
    })
    .delete("/:id", async (c) => {
      ensure(canEditSurveys(c.var.actor), "delete triggers");
      await deleteTrigger(db, c.var.actor.workspaceId, pathId(c, "trigger"));
      return c.body(null, 204);
    });
  const doc = (method: RouteDoc["method"], path: string, summary: string, extra: Partial<RouteDoc> = {}) => ({
    method,
    path: `/api/v1/triggers${path}`,
    summary,
    tag: "Triggers",
    success: 200,
    ...extra,
  });
  const docs: RouteDoc[] = [
    doc("get", "", "List trigger rules, newest first; filter by `eventType` and `active`", {
      query: triggerFilter,
    }),
    doc(
      "post",
      "",
      "Create a trigger rule: an event type, conditions (`touchpoint` or `metadata.<key>`: a value, `{ in: [...] }` or `{ gte, lte }`), a delay of up to 30 days and the survey to send. An active rule needs an active survey (409 `urn:koe:problem:survey-not-active`); a rule whose survey is not active fires nothing",
      { body: triggerInput, success: 201 },
    ),
    doc("get", "/{id}", "Get a trigger rule"),
    doc("patch", "/{id}", "Edit a trigger rule (set `active: false` to pause it)", { body: triggerPatch }),
    doc("delete", "/{id}", "Delete a trigger rule; the sends it made stay", { success: 204 }),
  ];
  return { routes, docs };
}
