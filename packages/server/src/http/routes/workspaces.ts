// /api/v1/workspaces: the installation's workspaces (an instance owner, signed in, creates, renames and
// deletes them; anyone lists those they can see); /api/v1/demo-workspaces removes the demo;
// /api/v1/session/workspace moves a session to another workspace of its user's. An API key stays in its own
// workspace: it sees only that one and changes none.
import { getCookie } from "hono/cookie";
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import type { Actor } from "../../domain/auth/actor.ts";
import { roles } from "../../domain/auth/actor.ts";
import { switchWorkspace } from "../../domain/auth/sessions.ts";
import { ForbiddenError, NotFoundError } from "../../domain/errors.ts";
import { idSchema, localeSchema, pageOf, pageSchema } from "../../domain/fields.ts";
import {
  createWorkspaceWithOwners,
  defaultTimeZone,
  deleteWorkspace,
  getWorkspaceDetail,
  isMember,
  listAllWorkspaces,
  listMemberWorkspaces,
  newWorkspaceInput,
  removeDemoWorkspaces,
  renameWorkspace,
  workspaceRename,
  type WorkspaceSummary,
} from "../../domain/workspaces/workspaces.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";

/** Also an item of the session's `workspaces` (session.ts). */
export const workspaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    defaultLocale: localeSchema,
    timeZone: z.string(),
    isDefault: z.boolean(),
    isDemo: z
      .boolean()
      .describe("a demo workspace (`koe demo remove` or DELETE /api/v1/demo-workspaces removes it)"),
    role: z
      .enum(roles)
      .nullable()
      .describe("the caller's role in it; null for an instance owner who is no member"),
    createdAt: z.string(),
  })
  .meta({ id: "Workspace" });

const workspaceDetailSchema = workspaceSchema
  .extend({
    contents: z
      .object({
        surveys: z.number().int(),
        responses: z.number().int(),
        contacts: z.number().int(),
        campaigns: z.number().int(),
        members: z.number().int(),
        apiKeys: z.number().int(),
      })
      .describe("what deleting the workspace deletes"),
  })
  .meta({ id: "WorkspaceDetail" });

const switchInput = z.object({ workspaceId: idSchema }).strict();

function ensureInstanceOwner(actor: Actor): void {
  if (actor.kind !== "user" || !actor.instanceOwner)
    throw new ForbiddenError(
      "only an instance owner, signed in to the admin app, may create, rename or delete workspaces",
    );
}

/** Refuses anyone else before the request is read: a 403, never a 422 about a body they may not send. */
const instanceOwnerOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  ensureInstanceOwner(c.var.actor);
  await next();
};

/** The workspaces a caller sees: an instance owner every one; a user theirs; an API key its own. */
async function canSee(deps: AppDeps, actor: Actor, id: string): Promise<boolean> {
  if (actor.kind === "api_key") return actor.workspaceId === id;
  return actor.instanceOwner === true || (await isMember(deps.db, id, actor.id));
}

const userOf = (actor: Actor) => (actor.kind === "user" ? actor.id : undefined);

export function workspacesRoutes(deps: AppDeps) {
  const { db } = deps;
  const base = "/api/v1/workspaces";
  const one = { tag: "Workspaces", params: { id: "workspace" } } as const;
  const workspaces = contractRoutes(base, [
    route(
      operation({
        operationId: "listWorkspaces",
        method: "get",
        path: base,
        summary:
          "The workspaces the caller sees: an instance owner every workspace of the installation (oldest first), a signed-in user those they belong to, an API key its own",
        tag: "Workspaces",
        query: pageSchema,
        success: { status: 200, schema: pageOf(workspaceSchema, "WorkspacePage") },
      }),
      async (c, { query }) => {
        const actor = c.var.actor;
        if (actor.kind === "user" && actor.instanceOwner) return listAllWorkspaces(db, actor.id, query);
        let data: WorkspaceSummary[];
        if (actor.kind === "user") data = await listMemberWorkspaces(db, actor.id);
        else {
          const { contents: _, ...own } = await getWorkspaceDetail(db, actor.workspaceId, undefined);
          data = [{ ...own, role: actor.role }];
        }
        return { data, nextCursor: null };
      },
    ),
    route(
      operation({
        operationId: "createWorkspace",
        method: "post",
        path: base,
        summary:
          "Create a workspace (an instance owner, signed in), who becomes its owner; timeZone defaults to Asia/Tokyo for ja, UTC for en",
        tag: "Workspaces",
        body: newWorkspaceInput,
        success: { status: 201, schema: workspaceDetailSchema },
      }),
      async (c, { body }) => {
        const actor = c.var.actor;
        const id = await createWorkspaceWithOwners(
          db,
          { ...body, timeZone: body.timeZone ?? defaultTimeZone(body.defaultLocale) },
          [actor.id],
        );
        return getWorkspaceDetail(db, id, actor.id);
      },
      [instanceOwnerOnly],
    ),
    route(
      operation({
        ...one,
        operationId: "getWorkspace",
        method: "get",
        path: `${base}/{id}`,
        summary:
          "One workspace the caller sees, with what deleting it would delete (404 for a workspace the caller does not see)",
        success: { status: 200, schema: workspaceDetailSchema },
      }),
      async (c, { params }) => {
        if (!(await canSee(deps, c.var.actor, params.id)))
          throw new NotFoundError(`workspace ${params.id} not found`);
        const detail = await getWorkspaceDetail(db, params.id, userOf(c.var.actor));
        return c.var.actor.kind === "api_key" ? { ...detail, role: c.var.actor.role } : detail;
      },
    ),
    route(
      operation({
        ...one,
        operationId: "renameWorkspace",
        method: "patch",
        path: `${base}/{id}`,
        summary: "Rename a workspace (an instance owner, signed in)",
        body: workspaceRename,
        success: { status: 200, schema: workspaceDetailSchema },
      }),
      async (c, { params, body }) => {
        if (body.name !== undefined) await renameWorkspace(db, params.id, body.name);
        return getWorkspaceDetail(db, params.id, c.var.actor.id);
      },
      [instanceOwnerOnly],
    ),
    route(
      operation({
        ...one,
        operationId: "deleteWorkspace",
        method: "delete",
        path: `${base}/{id}`,
        summary:
          "Delete a workspace and everything in it: surveys, responses, contacts, campaigns, its API keys and memberships (an instance owner, signed in); 409 for the last workspace and the default one",
        success: { status: 204 },
        errors: [409],
      }),
      async (c, { params }) => {
        await deleteWorkspace(db, params.id);
        return undefined;
      },
      [instanceOwnerOnly],
    ),
  ]);

  const demoBase = "/api/v1/demo-workspaces";
  const demo = contractRoutes(demoBase, [
    route(
      operation({
        operationId: "removeDemoWorkspaces",
        method: "delete",
        path: demoBase,
        summary:
          "Remove the demo: delete every demo workspace and everything in it (an instance owner, signed in); `koe serve --demo` does not seed it again",
        tag: "Workspaces",
        success: {
          status: 200,
          schema: z.object({ removed: z.array(z.string()).describe("the names of the workspaces deleted") }),
        },
      }),
      async () => ({ removed: await removeDemoWorkspaces(db) }),
      [instanceOwnerOnly],
    ),
  ]);

  const switchBase = "/api/v1/session/workspace";
  const sessionWorkspace = contractRoutes(switchBase, [
    route(
      operation({
        operationId: "switchSessionWorkspace",
        method: "post",
        path: switchBase,
        summary:
          "Move the admin session to another workspace the user belongs to (404 for one they do not); their next sign-in starts there",
        tag: "Session",
        body: switchInput,
        success: { status: 200, schema: workspaceSchema },
        errors: [404],
      }),
      async (c, { body }) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (c.var.actor.kind !== "user" || !token)
          throw new ForbiddenError("an API key stays in its workspace; sign in to switch workspaces");
        await switchWorkspace(db, token, body.workspaceId);
        const mine = await listMemberWorkspaces(db, c.var.actor.id);
        const now = mine.find((w) => w.id === body.workspaceId);
        if (!now) throw new NotFoundError(`workspace ${body.workspaceId} not found`);
        return now;
      },
    ),
  ]);
  return { workspaces, demo, sessionWorkspace };
}
