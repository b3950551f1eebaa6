// /api/v1/users: owners manage who signs in to the admin app, and with which role.
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { userInput, userPatch } from "../../domain/auth/access-schema.ts";
import { canManageAccess, ensure } from "../../domain/auth/permissions.ts";
import { addUser, deleteUser, listUsers, updateUser } from "../../domain/auth/users.ts";
import { pageSchema } from "../../domain/fields.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId, query } from "../validate.ts";

export function userRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canManageAccess(c.var.actor), "manage users");
      return c.json(await listUsers(db, c.var.actor.workspaceId, query(c, pageSchema)));
    })
    .post("/", async (c) => {
      ensure(canManageAccess(c.var.actor), "manage users");
      return c.json(await addUser(db, c.var.actor.workspaceId, await body(c, userInput)), 201);
    })
    .patch("/:id", async (c) => {
      ensure(canManageAccess(c.var.actor), "manage users");
      const id = pathId(c, "user");
      const patch = await body(c, userPatch);
      // A user changing their own password stays signed in here; their other sessions end.
      const own = c.var.actor.kind === "user" && c.var.actor.id === id;
      const keep = own ? getCookie(c, SESSION_COOKIE) : undefined;
      return c.json(await updateUser(db, c.var.actor, id, patch, keep));
    })
    .delete("/:id", async (c) => {
      ensure(canManageAccess(c.var.actor), "manage users");
      await deleteUser(db, c.var.actor.workspaceId, pathId(c, "user"));
      return c.body(null, 204);
    });
  const path = "/api/v1/users";
  const docs: RouteDoc[] = [
    {
      method: "get",
      path,
      summary: "List the workspace's users and their roles, newest first (owners)",
      tag: "Access",
      query: pageSchema,
      success: 200,
    },
    {
      method: "post",
      path,
      summary:
        "Add a person to the workspace with a role (owners). A new email becomes an account with this password (then required); an email that already has an account (from another workspace) joins with its own password and name (existingAccount: true). 409 if they are already in the workspace",
      tag: "Access",
      body: userInput,
      success: 201,
    },
    {
      method: "patch",
      path: `${path}/{id}`,
      summary:
        "Change a user's role here, or their name or password (owners; for someone who also belongs to other workspaces only they or an instance owner may change name and password); a new password ends their other sessions; the last owner cannot be demoted",
      tag: "Access",
      body: userPatch,
      success: 200,
    },
    {
      method: "delete",
      path: `${path}/{id}`,
      summary:
        "Remove a user from the workspace and end their sessions in it (owners); an account left in no workspace is deleted; the last owner cannot be removed",
      tag: "Access",
      success: 204,
    },
  ];
  return { routes, docs };
}
