// The audit log: who did what to which record (privacy requests and other changes a workspace must be able
// to account for). Entries are only written and read, never changed; they name no person beyond the actor.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { Actor } from "../auth/actor.ts";
import { actorName } from "../auth/actor-name.ts";
import { ValidationError } from "../errors.ts";
import { idOut, pageOf, pageSchema, timeOut, type Page } from "../fields.ts";
import { isId, newId } from "../ids.ts";

export const auditActions = ["contact.privacy_exported", "contact.erased"] as const;
export type AuditAction = (typeof auditActions)[number];

export const actorKinds = ["user", "api_key", "cli", "system"] as const;

/** Who acted: a signed-in user, an API key, the command line or Koe itself. */
export interface AuditActor {
  kind: (typeof actorKinds)[number];
  id: string | null;
  /** As named when it acted, so the entry still reads right after the user or key is gone. */
  name: string;
}

export async function auditActorOf(db: Db, actor: Actor): Promise<AuditActor> {
  return {
    kind: actor.kind,
    id: actor.id,
    name: Array.from(await actorName(db, actor))
      .slice(0, 400)
      .join(""),
  };
}

export interface NewAuditEntry {
  workspaceId: string;
  actor: AuditActor;
  action: AuditAction;
  subjectType: "contact";
  subjectId: string | null;
  /** What was done, in counts and ids; never the personal data a privacy request is about. */
  details?: Record<string, unknown>;
  /** The clock's time. */
  at: Date;
}

/** Records one entry; pass the transaction of the change so a rolled-back change leaves no entry. */
export async function recordAudit(trx: Db, entry: NewAuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      workspace_id: entry.workspaceId,
      id: newId(),
      at: entry.at,
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export const auditEntrySchema = z
  .object({
    id: idOut,
    at: timeOut,
    actor: z.object({
      kind: z.enum(actorKinds),
      id: z.string().nullable(),
      name: z.string().describe("As named when it acted"),
    }),
    action: z.string().describe(`What was done: ${auditActions.join(", ")}`),
    subjectType: z.string().describe("The kind of record acted on (contact)"),
    subjectId: z
      .string()
      .nullable()
      .describe("The record's id (an erased contact's id names no one any more)"),
    details: z.record(z.string(), z.unknown()).describe("Counts and ids of what was done"),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.output<typeof auditEntrySchema>;

export const auditPageSchema = pageOf(auditEntrySchema, "AuditEntryPage");

export const auditListQuery = pageSchema.extend({
  subjectId: z.string().trim().min(1).max(200).optional().describe("Only the entries about this record"),
  action: z.enum(auditActions).optional(),
});

// Newest first by (at, id): the cursor is the last entry's time and id.
const encodeCursor = (at: Date, id: string) => `${at.toISOString()}_${id}`;
function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = cursor.split("_");
  const time = at ? new Date(at) : undefined;
  if (!time || Number.isNaN(time.getTime()) || !id || !isId(id))
    throw new ValidationError([{ path: "cursor", message: "is not a cursor from this list" }]);
  return { at: time, id };
}

export async function listAuditLog(
  db: Db,
  workspaceId: string,
  q: z.output<typeof auditListQuery>,
): Promise<Page<AuditEntry>> {
  const after = decodeCursor(q.cursor);
  let query = db.selectFrom("audit_log").selectAll().where("workspace_id", "=", workspaceId);
  if (q.subjectId) query = query.where("subject_id", "=", q.subjectId);
  if (q.action) query = query.where("action", "=", q.action);
  if (after) query = query.where(sql<boolean>`(at, id) < (${after.at}, ${after.id}::uuid)`);
  const rows = await query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(q.limit + 1)
    .execute();
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      details: r.details,
    })),
    nextCursor: more && last ? encodeCursor(last.at, last.id) : null,
  };
}
