// Notes a team writes on a contact; they appear on the contact's timeline (timeline.ts).
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import { isForeignKeyViolation } from "../../db/errors.ts";
import type { Actor } from "../auth/actor.ts";
import { actorName } from "../auth/actor-name.ts";
import { NotFoundError } from "../errors.ts";
import { idOut, timeOut } from "../fields.ts";
import { newId } from "../ids.ts";

export const MAX_NOTE = 5000;

export const contactNoteInput = z.object({ body: z.string().trim().min(1).max(MAX_NOTE) }).strict();

export const contactNoteSchema = z
  .object({
    id: idOut,
    body: z.string(),
    author: z
      .string()
      .describe('Who wrote it, as named when it was written (a user\'s name or email, or "API key <name>")'),
    createdAt: timeOut,
  })
  .meta({ id: "ContactNote" });
export type ContactNote = z.output<typeof contactNoteSchema>;

export async function addContactNote(
  db: Db,
  actor: Actor,
  contactId: string,
  input: z.output<typeof contactNoteInput>,
): Promise<ContactNote> {
  const row = await db
    .insertInto("contact_notes")
    .values({
      workspace_id: actor.workspaceId,
      id: newId(),
      contact_id: contactId,
      author_user_id: actor.kind === "user" ? actor.id : null,
      author_name: Array.from(await actorName(db, actor))
        .slice(0, 400)
        .join(""),
      body: input.body,
    })
    .returning(["id", "body", "author_name", "created_at"])
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => {
      // The contact's key includes the workspace: another workspace's contact is not found either.
      if (isForeignKeyViolation(e)) throw new NotFoundError(`contact ${contactId} not found`);
      throw e;
    });
  return { id: row.id, body: row.body, author: row.author_name, createdAt: row.created_at.toISOString() };
}
