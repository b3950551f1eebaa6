// /api/v1/contacts/{id}/timeline and /notes: what happened with a contact, and the team's notes on them.
import { canRead, canWriteContactNotes } from "../../domain/auth/permissions.ts";
import { addContactNote, contactNoteInput, contactNoteSchema } from "../../domain/contacts/contact-notes.ts";
import { contactTimelineSchema, getContactTimeline } from "../../domain/contacts/timeline.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/contacts";

export function contactActivityRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        operationId: "getContactTimeline",
        method: "get",
        path: `${base}/{id}/timeline`,
        summary: "A contact's timeline, newest first: sends, responses and notes",
        description:
          "Sends (with their newest score clicks, each with its scanner verdict and reason, and their response's " +
          "id), responses (with survey and touchpoint names) and notes; the newest 100.",
        tag: "Contacts",
        params: { id: "contact" },
        access: { allowed: canRead, to: "read contacts" },
        success: { status: 200, schema: contactTimelineSchema },
      }),
      async (c, { params }) => {
        return { data: await getContactTimeline(db, c.var.actor.workspaceId, params.id) };
      },
    ),
    route(
      operation({
        operationId: "addContactNote",
        method: "post",
        path: `${base}/{id}/notes`,
        summary: "Write a note on a contact (members and up); it shows on the contact's timeline",
        tag: "Contacts",
        params: { id: "contact" },
        body: contactNoteInput,
        access: { allowed: canWriteContactNotes, to: "write notes on contacts" },
        success: { status: 201, schema: contactNoteSchema },
      }),
      async (c, { params, body }) => {
        return addContactNote(db, c.var.actor, params.id, body);
      },
    ),
  ]);
}
