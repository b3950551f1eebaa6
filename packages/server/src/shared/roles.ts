// The four roles and the least role each permission needs: the server enforces them
// (domain/auth/permissions.ts) and the admin app hides what a role may not do with the same table.

/** Highest first. */
export const roles = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const roleAtLeast = (role: Role, least: Role): boolean => rank[role] >= rank[least];

/**
 * Viewers read; members also record responses and contacts; admins also shape surveys, touchpoints and
 * the workspace (brand, sender, fatigue, embedding); owners also manage keys and users.
 */
export const leastRole = {
  read: "viewer",
  recordResponses: "member",
  editContacts: "member",
  writeContactNotes: "member",
  /**
   * Opening a sent message (its text, headers and HTML): they hold the customer's personal answer links
   * and one-click unsubscribe URL, with which a viewer could answer or unsubscribe as the customer.
   */
  readMessages: "member",
  editSurveys: "admin",
  editTouchpoints: "admin",
  editWorkspace: "admin",
  /** A contact's privacy export and erasure, and reading the audit log that records them. */
  handlePrivacyRequests: "admin",
  manageAccess: "owner",
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof leastRole;

export const roleMay = (role: Role, permission: Permission): boolean =>
  roleAtLeast(role, leastRole[permission]);
