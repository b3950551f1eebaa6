// The roles, highest first, and what the settings page lets each of them do: the server's own table
// (@koe/server/shared roles.ts), so a tab is hidden exactly when the server would refuse it.
import { roleMay, roles, type Role } from "@koe/server/shared";

export { roles, type Role };

/** The workspace itself (brand, sender, fatigue, zone) is for owners and admins. */
export const canEditWorkspace = (role: Role) => roleMay(role, "editWorkspace");

/** API keys and users are for owners only. */
export const canManageAccess = (role: Role) => roleMay(role, "manageAccess");
