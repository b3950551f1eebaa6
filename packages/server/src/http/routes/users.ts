// /api/v1/users: owners manage who signs in to the admin app, and with which role.
import { getCookie } from "hono/cookie";
import { addedUserSchema, userInput, userPatch, userSchema } from "../../domain/auth/access-schema.ts";
import { canManageAccess } from "../../domain/auth/permissions.ts";
import { addUser, deleteUser, listUsers, updateUser } from "../../domain/auth/users.ts";
import { pageOf, pageSchema } from "../../domain/fields.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";

const base = "/api/v1/users";
const tag = "Access";
const access = { allowed: canManageAccess, to: "manage users" };
const one = { tag, access, params: { id: "user" } } as const;

export function userRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listUsers",
        method: "get",
        path: base,
        summary: "List the workspace's users and their roles, newest first (owners)",
        tag,
        access,
        query: pageSchema,
        success: { status: 200, schema: pageOf(userSchema, "UserPage") },
      }),
      async (c, { query }) => listUsers(db, c.var.actor.workspaceId, query),
    ),
    route(
      operation({
        operationId: "addUser",
        method: "post",
        path: base,
        summary: "Add a person to the workspace with a role (owners)",
        description:
          "A new email becomes an account with this password (then required). An email that already has an " +
          "account (from another workspace) joins with its own password and name (existingAccount: true) " +
          "only when an instance owner, signed in, adds it; anyone else gets a 409, as when the person is " +
          "already in the workspace.",
        tag,
        access,
        body: userInput,
        success: { status: 201, schema: addedUserSchema },
        errors: [409],
      }),
      async (c, { body }) =>
        addUser(db, c.var.actor.workspaceId, body, {
          joinExisting: c.var.actor.kind === "user" && c.var.actor.instanceOwner === true,
        }),
    ),
    route(
      operation({
        ...one,
        operationId: "updateUser",
        method: "patch",
        path: `${base}/{id}`,
        summary: "Change a user's role here, or their name or password (owners)",
        description:
          "For someone who also belongs to other workspaces only they or an instance owner may change name and " +
          "password (403). A new password ends their other sessions; the last owner cannot be demoted (409).",
        body: userPatch,
        success: { status: 200, schema: userSchema },
        errors: [409],
      }),
      async (c, { params, body }) => {
        // A user changing their own password stays signed in here; their other sessions end.
        const own = c.var.actor.kind === "user" && c.var.actor.id === params.id;
        const keep = own ? getCookie(c, SESSION_COOKIE) : undefined;
        return updateUser(db, c.var.actor, params.id, body, keep);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "removeUser",
        method: "delete",
        path: `${base}/{id}`,
        summary: "Remove a user from the workspace and end their sessions in it (owners)",
        description: "An account left in no workspace is deleted; the last owner cannot be removed (409).",
        success: { status: 204 },
        errors: [409],
      }),
      async (c, { params }) => {
        await deleteUser(db, c.var.actor.workspaceId, params.id);
        return undefined;
      },
    ),
  ]);
}
