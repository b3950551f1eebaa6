// Named permission checks. Viewers read; members also record responses and contacts;
// admins also shape surveys and touchpoints; owners also manage keys and users.
import { ForbiddenError } from "../errors.ts";
import { roleMay } from "../../shared/roles.ts";
import type { Actor } from "./actor.ts";

// The least role of each is in shared/roles.ts, which the admin app reads to hide what a role may not do.
export const canRead = (actor: Actor) => roleMay(actor.role, "read");
export const canRecordResponses = (actor: Actor) => roleMay(actor.role, "recordResponses");
export const canEditContacts = (actor: Actor) => roleMay(actor.role, "editContacts");
export const canWriteContactNotes = (actor: Actor) => roleMay(actor.role, "writeContactNotes");
export const canReadMessages = (actor: Actor) => roleMay(actor.role, "readMessages");
export const canEditSurveys = (actor: Actor) => roleMay(actor.role, "editSurveys");
export const canEditTouchpoints = (actor: Actor) => roleMay(actor.role, "editTouchpoints");
export const canHandlePrivacyRequests = (actor: Actor) => roleMay(actor.role, "handlePrivacyRequests");
export const canManageAccess = (actor: Actor) => roleMay(actor.role, "manageAccess");

export function ensure(allowed: boolean, what: string): void {
  if (!allowed) throw new ForbiddenError(`your role may not ${what}`);
}
