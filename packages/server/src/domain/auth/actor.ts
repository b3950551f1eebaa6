import type { Role } from "../../db/schema.ts";

/** Who is asking: an API key or a signed-in user, always inside one workspace. */
export interface Actor {
  kind: "api_key" | "user";
  id: string;
  workspaceId: string;
  role: Role;
}

export const roles = ["owner", "admin", "member", "viewer"] as const satisfies readonly Role[];
