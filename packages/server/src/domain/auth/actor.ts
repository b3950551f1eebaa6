import { roles, type Role } from "../../shared/roles.ts";

/** Who is asking: an API key or a signed-in user, always inside one workspace. */
export interface Actor {
  kind: "api_key" | "user";
  id: string;
  workspaceId: string;
  role: Role;
  /** A signed-in user who may create, rename and delete workspaces (never an API key). */
  instanceOwner?: boolean;
}

export { roles };
