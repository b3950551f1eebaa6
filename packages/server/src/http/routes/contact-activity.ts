// /api/v1/contacts/:id/timeline and /notes: what happened with a contact, and the team's notes on them.
import { Hono } from "hono";
import { canRead, canWriteContactNotes, ensure } from "../../domain/auth/permissions.ts";
import { addContactNote, contactNoteInput } from "../../domain/contacts/contact-notes.ts";
import { getContactTimeline } from "../../domain/contacts/timeline.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId } from "../validate.ts";

export function contactActivityRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const routes = new Hono<AppEnv>()
    .get("/:id/timeline", async (c) => {
      ensure(canRead(c.var.actor), "read contacts");
      return c.json({ data: await getContactTimeline(db, c.var.actor.workspaceId, pathId(c, "contact")) });
    })
    .post("/:id/notes", async (c) => {
      ensure(canWriteContactNotes(c.var.actor), "write notes on contacts");
      const id = pathId(c, "contact");
      return c.json(await addContactNote(db, c.var.actor, id, await body(c, contactNoteInput)), 201);
    });
  const docs: RouteDoc[] = [
    {
      method: "get",
      path: "/api/v1/contacts/{id}/timeline",
      summary:
        "A contact's timeline, newest first: sends (with their newest score clicks, each with its scanner verdict and reason, and their response's id), responses (with survey and touchpoint names) and notes",
      tag: "Contacts",
      success: 200,
    },
    {
      method: "post",
      path: "/api/v1/contacts/{id}/notes",
      summary: "Write a note on a contact (members and up); it shows on the contact's timeline",
      tag: "Contacts",
      body: contactNoteInput,
      success: 201,
    },
  ];
  return { routes, docs };
}
