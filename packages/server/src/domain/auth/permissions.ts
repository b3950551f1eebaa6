// Named permission checks. Viewers read; members also record responses and contacts;
// admins also shape surveys and touchpoints; owners also manage keys and users.
import { ForbiddenError } from "../errors.ts";
import type { Actor } from "./actor.ts";

const rank = { viewer: 0, member: 1, admin: 2, owner: 3 } as const;
const atLeast = (actor: Actor, role: keyof typeof rank) => rank[actor.role] >= rank[role];

export const canRead = (actor: Actor) => atLeast(actor, "viewer");
export const canRecordResponses = (actor: Actor) => atLeast(actor, "member");
export const canEditContacts = (actor: Actor) => atLeast(actor, "member");
export const canWriteContactNotes = (actor: Actor) => atLeast(actor, "member");
export const canEditSurveys = (actor: Actor) => atLeast(actor, "admin");
export const canEditTouchpoints = (actor: Actor) => atLeast(actor, "admin");
export const canManageAccess = (actor: Actor) => atLeast(actor, "owner");

export function ensure(allowed: boolean, what: string): void {
  if (!allowed) throw new ForbiddenError(`your role may not ${what}`);
}
