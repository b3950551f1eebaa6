import type { Db } from "../../db/open.ts";
import type { TouchpointRow } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { newId } from "../ids.ts";
import { deleteRow, getRow, listRows } from "../rows.ts";
import type { Page } from "../fields.ts";
import type { Touchpoint, TouchpointInput, TouchpointPatch } from "./touchpoint-schema.ts";

export function toTouchpoint(r: TouchpointRow): Touchpoint {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Touchpoint["kind"],
    channel: r.channel as Touchpoint["channel"],
    team: r.team,
    journeyStage: r.journey_stage as Touchpoint["journeyStage"],
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

export function listTouchpoints(
  db: Db,
  workspaceId: string,
  opts: { limit: number; cursor?: string | undefined },
): Promise<Page<Touchpoint>> {
  return listRows(db, "touchpoints", workspaceId, opts, toTouchpoint);
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
