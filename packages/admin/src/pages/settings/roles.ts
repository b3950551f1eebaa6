// The four roles, highest first, and what the settings page lets each of them do.
import type { Role } from "../../../../server/src/db/schema.ts";

export type { Role };
export const roles: readonly Role[] = ["owner", "admin", "member", "viewer"];

/** The workspace itself (brand, sender, fatigue, zone) is for owners and admins, as on the server. */
export const canEditWorkspace = (role: Role) => role === "owner" || role === "admin";

/** API keys and users are for owners only. */
export const canManageAccess = (role: Role) => role === "owner";
