// Touchpoints: create, read, list, edit, archive and unarchive, delete; and whether one may take a new
// campaign or trigger.
import type { Db } from "../../db/open.ts";
import type { TouchpointRow } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { ConflictError, NotFoundError, type FieldIssue } from "../errors.ts";
import { newId } from "../ids.ts";
import { decodeIdCursor, toPage } from "../paging.ts";
import { deleteRow, findRow, getRow } from "../rows.ts";
import type { Page } from "../fields.ts";
import type {
  Touchpoint,
  TouchpointInput,
  TouchpointListQuery,
  TouchpointPatch,
} from "./touchpoint-schema.ts";

export function toTouchpoint(r: TouchpointRow): Touchpoint {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Touchpoint["kind"],
    channel: r.channel as Touchpoint["channel"],
    team: r.team,
    journeyStage: r.journey_stage as Touchpoint["journeyStage"],
    archived: r.archived_at !== null,
    archivedAt: r.archived_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function duplicateName(e: unknown, name: string | undefined): never {
  if (isUniqueViolation(e)) throw new ConflictError(`a touchpoint named "${name}" already exists`);
  throw e;
}

export async function createTouchpoint(
  db: Db,
  workspaceId: string,
  input: TouchpointInput,
): Promise<Touchpoint> {
  const row = await db
    .insertInto("touchpoints")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      name: input.name,
      kind: input.kind,
      channel: input.channel,
      team: input.team ?? null,
      journey_stage: input.journeyStage ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => duplicateName(e, input.name));
  return toTouchpoint(row);
}

export async function getTouchpoint(db: Db, workspaceId: string, id: string): Promise<Touchpoint> {
  return toTouchpoint(await getRow(db, "touchpoints", workspaceId, id));
}

/** Newest first; all of them unless `archived` narrows the list (see touchpointListQuery). */
export async function listTouchpoints(
  db: Db,
  workspaceId: string,
  opts: Pick<TouchpointListQuery, "limit" | "cursor"> & { archived?: TouchpointListQuery["archived"] },
): Promise<Page<Touchpoint>> {
  const after = decodeIdCursor(opts.cursor);
  let q = db.selectFrom("touchpoints").selectAll().where("workspace_id", "=", workspaceId);
  if (opts.archived === "true") q = q.where("archived_at", "is not", null);
  if (opts.archived === "false") q = q.where("archived_at", "is", null);
  if (after) q = q.where("id", "<", after);
  const rows = await q
    .orderBy("id", "desc")
    .limit(opts.limit + 1)
    .execute();
  return toPage(rows, opts.limit, toTouchpoint, (r) => r.id);
}

/**
 * Archived, it keeps its answers, sends and reports, and takes no new campaign or trigger (those it has
 * keep running). Archiving again keeps the first time.
 */
export async function archiveTouchpoint(
  db: Db,
  workspaceId: string,
  id: string,
  /** The clock's time: when it was archived. */
  now: Date,
): Promise<Touchpoint> {
  await db
    .updateTable("touchpoints")
    .set({ archived_at: now, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .execute();
  return getTouchpoint(db, workspaceId, id);
}

/** Back in use: new campaigns and triggers may name it again. Unarchiving one not archived changes nothing. */
export async function unarchiveTouchpoint(
  db: Db,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<Touchpoint> {
  await db
    .updateTable("touchpoints")
    .set({ archived_at: null, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .where("archived_at", "is not", null)
    .execute();
  return getTouchpoint(db, workspaceId, id);
}

/**
 * Why a campaign or trigger may not take this touchpoint, as a field issue (the caller reports it with its
 * others, a 422): it is not this workspace's, or it is archived. `kept`: the touchpoint the campaign or
 * trigger already has, which an edit may keep even when it has been archived since.
 */
export async function touchpointRefIssue(
  db: Db,
  workspaceId: string,
  id: string,
  kept?: string | null,
): Promise<FieldIssue | undefined> {
  const row = await findRow(db, "touchpoints", workspaceId, id);
  if (!row) return { path: "touchpointId", message: "no such touchpoint in this workspace" };
  if (row.archived_at !== null && id !== kept)
    return {
      path: "touchpointId",
      message: `touchpoint "${row.name}" is archived and takes no new campaigns or triggers: unarchive it first (POST /api/v1/touchpoints/${id}/unarchive)`,
    };
  return undefined;
}

export async function updateTouchpoint(
  db: Db,
  workspaceId: string,
  id: string,
  patch: TouchpointPatch,
  /** The clock's time: the change's updated_at. */
  now: Date,
): Promise<Touchpoint> {
  const row = await db
    .updateTable("touchpoints")
    .set({
      name: patch.name,
      kind: patch.kind,
      channel: patch.channel,
      team: patch.team,
      journey_stage: patch.journeyStage,
      updated_at: now,
    })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst()
    .catch((e: unknown) => duplicateName(e, patch.name));
  if (!row) throw new NotFoundError(`touchpoint ${id} not found`);
  return toTouchpoint(row);
}

export function deleteTouchpoint(db: Db, workspaceId: string, id: string): Promise<void> {
  return deleteRow(db, "touchpoints", workspaceId, id, "this touchpoint has responses; it cannot be deleted");
}
