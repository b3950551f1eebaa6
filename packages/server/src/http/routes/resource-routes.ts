// The create / read / list / update / delete operations every plain resource shares.
import type { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { Actor } from "../../domain/auth/actor.ts";
import { canRead } from "../../domain/auth/permissions.ts";
import { pageOf, pageSchema, type Page } from "../../domain/fields.ts";
import { changesNothing } from "../../domain/patch.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route, type Handler, type Input, type Operation } from "../contract/operation.ts";
import { dateOf } from "../../clock.ts";
import type { AppDeps } from "../env.ts";

export interface ResourceSpec<
  In extends z.ZodType,
  Patch extends z.ZodType,
  Out extends z.ZodType,
  ListQuery extends z.ZodType = typeof pageSchema,
> {
  path: string;
  noun: string;
  /** The component's name in the document (Survey) and the plural of the operation ids (listSurveys). */
  name: string;
  plural: string;
  tag: string;
  input: In;
  patch: Patch;
  /** What the API answers for one. */
  schema: Out;
  /** The list's query: cursor paging unless given (then it extends pageSchema, e.g. with a search). */
  listQuery?: ListQuery;
  canEdit: (actor: Actor) => boolean;
  create(db: Db, ws: string, input: z.output<In>, now: Date): Promise<z.input<Out>>;
  get(db: Db, ws: string, id: string): Promise<z.input<Out>>;
  list(db: Db, ws: string, page: z.output<ListQuery>): Promise<Page<z.input<Out>>>;
  update(db: Db, ws: string, id: string, patch: z.output<Patch>, now: Date): Promise<z.input<Out>>;
  remove(db: Db, ws: string, id: string): Promise<void>;
}

// The answer's type depends on the spec's generic schema, which TypeScript cannot resolve here; the concrete
// resources (resources.ts) are checked where they give their functions.
const generic = <O extends Operation>(
  op: O,
  handle: (c: Parameters<Handler<O>>[0], input: Input<O>) => unknown,
) => route(op, handle as Handler<O>);

export function resourceRoutes<
  In extends z.ZodType,
  Patch extends z.ZodType,
  Out extends z.ZodType,
  ListQuery extends z.ZodType = typeof pageSchema,
>(deps: AppDeps, spec: ResourceSpec<In, Patch, Out, ListQuery>) {
  const { db } = deps;
  const edit = `change ${spec.noun}s`;
  // Without its own schema a list reads pageSchema, which is then what ListQuery defaults to.
  const listQuery = (spec.listQuery ?? pageSchema) as ListQuery;
  const base = `/api/v1${spec.path}`;
  const one = { tag: spec.tag, params: { id: spec.noun } } as const;
  return contractRoutes(base, [
    generic(
      operation({
        operationId: `list${spec.plural}`,
        method: "get",
        path: base,
        summary: `List ${spec.noun}s, newest first`,
        tag: spec.tag,
        query: listQuery,
        access: { allowed: canRead, to: `read ${spec.noun}s` },
        success: { status: 200, schema: pageOf(spec.schema, `${spec.name}Page`) },
      }),
      async (c, { query }) => {
        return spec.list(db, c.var.actor.workspaceId, query as z.output<ListQuery>);
      },
    ),
    generic(
      operation({
        operationId: `create${spec.name}`,
        method: "post",
        path: base,
        summary: `Create a ${spec.noun}`,
        tag: spec.tag,
        body: spec.input,
        access: { allowed: spec.canEdit, to: edit },
        success: { status: 201, schema: spec.schema },
        errors: [409],
      }),
      async (c, { body }) => {
        return spec.create(db, c.var.actor.workspaceId, body as z.output<In>, dateOf(deps.clock));
      },
    ),
    generic(
      operation({
        ...one,
        operationId: `get${spec.name}`,
        method: "get",
        path: `${base}/{id}`,
        summary: `Get one ${spec.noun}`,
        access: { allowed: canRead, to: `read ${spec.noun}s` },
        success: { status: 200, schema: spec.schema },
      }),
      async (c, { params }) => {
        return spec.get(db, c.var.actor.workspaceId, params.id);
      },
    ),
    generic(
      operation({
        ...one,
        operationId: `update${spec.name}`,
        method: "patch",
        path: `${base}/{id}`,
        summary: `Change a ${spec.noun}`,
        body: spec.patch,
        access: { allowed: spec.canEdit, to: edit },
        success: { status: 200, schema: spec.schema },
        errors: [409],
      }),
      async (c, { params, body }) => {
        const patch = body as z.output<Patch>;
        const ws = c.var.actor.workspaceId;
        return changesNothing(patch)
          ? spec.get(db, ws, params.id)
          : spec.update(db, ws, params.id, patch, dateOf(deps.clock));
      },
    ),
    generic(
      operation({
        ...one,
        operationId: `delete${spec.name}`,
        method: "delete",
        path: `${base}/{id}`,
        summary: `Delete a ${spec.noun}`,
        access: { allowed: spec.canEdit, to: edit },
        success: { status: 204 },
        errors: [409],
      }),
      async (c, { params }) => {
        await spec.remove(db, c.var.actor.workspaceId, params.id);
        return undefined;
      },
    ),
  ]);
}
