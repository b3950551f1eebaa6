// The create / read / list / update / delete routes every plain resource shares.
import { dateOf } from "../../clock.ts";
import { Hono } from "hono";
import type { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { Actor } from "../../domain/auth/actor.ts";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import { pageSchema, type Page } from "../../domain/fields.ts";
import { changesNothing } from "../../domain/patch.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId, query } from "../validate.ts";

export interface ResourceSpec<
  In extends z.ZodType,
  Patch extends z.ZodType,
  Out,
  ListQuery extends z.ZodType = typeof pageSchema,
> {
  path: string;
  noun: string;
  tag: string;
  input: In;
  patch: Patch;
  /** The list's query: cursor paging unless given (then it extends pageSchema, e.g. with a search). */
  listQuery?: ListQuery;
  canEdit: (actor: Actor) => boolean;
  create(db: Db, ws: string, input: z.output<In>): Promise<Out>;
  get(db: Db, ws: string, id: string): Promise<Out>;
  list(db: Db, ws: string, page: z.output<ListQuery>): Promise<Page<Out>>;
  /** `now`: the clock's time, the change's updated_at. */
  update(db: Db, ws: string, id: string, patch: z.output<Patch>, now: Date): Promise<Out>;
  remove(db: Db, ws: string, id: string): Promise<void>;
}

export function resourceRoutes<
  In extends z.ZodType,
  Patch extends z.ZodType,
  Out,
  ListQuery extends z.ZodType = typeof pageSchema,
>(deps: AppDeps, spec: ResourceSpec<In, Patch, Out, ListQuery>): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const edit = `change ${spec.noun}s`;
  // Without its own schema a list reads pageSchema, which is then what ListQuery defaults to.
  const listQuery = (spec.listQuery ?? pageSchema) as ListQuery;
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canRead(c.var.actor), `read ${spec.noun}s`);
      return c.json(await spec.list(db, c.var.actor.workspaceId, query(c, listQuery)));
    })
    .post("/", async (c) => {
      ensure(spec.canEdit(c.var.actor), edit);
      const created = await spec.create(db, c.var.actor.workspaceId, await body(c, spec.input));
      return c.json(created, 201);
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), `read ${spec.noun}s`);
      return c.json(await spec.get(db, c.var.actor.workspaceId, pathId(c, spec.noun)));
    })
    .patch("/:id", async (c) => {
      ensure(spec.canEdit(c.var.actor), edit);
      const id = pathId(c, spec.noun);
      const patch = await body(c, spec.patch);
      const ws = c.var.actor.workspaceId;
      return c.json(
        await (changesNothing(patch)
          ? spec.get(db, ws, id)
          : spec.update(db, ws, id, patch, dateOf(deps.clock))),
      );
    })
    .delete("/:id", async (c) => {
      ensure(spec.canEdit(c.var.actor), edit);
      await spec.remove(db, c.var.actor.workspaceId, pathId(c, spec.noun));
      return c.body(null, 204);
    });
  const p = `/api/v1${spec.path}`;
  const docs: RouteDoc[] = [
    {
      method: "get",
      path: p,
      summary: `List ${spec.noun}s, newest first`,
      tag: spec.tag,
      query: listQuery,
      success: 200,
    },
    {
      method: "post",
      path: p,
      summary: `Create a ${spec.noun}`,
      tag: spec.tag,
      body: spec.input,
      success: 201,
    },
    { method: "get", path: `${p}/{id}`, summary: `Get one ${spec.noun}`, tag: spec.tag, success: 200 },
    {
      method: "patch",
      path: `${p}/{id}`,
      summary: `Change a ${spec.noun}`,
      tag: spec.tag,
      body: spec.patch,
      success: 200,
    },
    { method: "delete", path: `${p}/{id}`, summary: `Delete a ${spec.noun}`, tag: spec.tag, success: 204 },
  ];
  return { routes, docs };
}
