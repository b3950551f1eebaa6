// Trigger rules: create, read, list, edit, delete; and the active rules an incoming event is matched against.
import type { Selectable } from "kysely";
import type { Db } from "../../db/open.ts";
import type { TriggerTable } from "../../db/schema.ts";
import { NotFoundError, ValidationError, type FieldIssue } from "../errors.ts";
import type { Page } from "../fields.ts";
import { newId } from "../ids.ts";
import { decodeIdCursor, toPage } from "../paging.ts";
import { findRow } from "../rows.ts";
import { acceptsAnswers, assertAcceptsAnswers } from "../surveys/accepts-answers.ts";
import { touchpointRefIssue } from "../touchpoints/touchpoints.ts";
import {
  triggerInput,
  triggerPatch,
  type Conditions,
  type Trigger,
  type TriggerFilter,
  type TriggerInput,
  type TriggerPatch,
} from "./trigger-schema.ts";

type TriggerRow = Selectable<TriggerTable>;

export function toTrigger(r: TriggerRow): Trigger {
  return {
    id: r.id,
    name: r.name,
    eventType: r.event_type,
    conditions: r.conditions as Conditions,
    delaySeconds: r.delay_seconds,
    surveyId: r.survey_id,
    touchpointId: r.touchpoint_id,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  };
}

function findTriggerRow(db: Db, workspaceId: string, id: string): Promise<TriggerRow | undefined> {
  return db
    .selectFrom("triggers")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/**
 * The survey and touchpoint must be this workspace's: reported by field rather than as a foreign-key error.
 * A new touchpoint must not be archived; `keptTouchpoint`, the one an edited trigger already has, may be.
 */
async function checkRefs(
  db: Db,
  workspaceId: string,
  v: { surveyId?: string; touchpointId?: string | null },
  keptTouchpoint?: string | null,
) {
  const issues: FieldIssue[] = [];
  if (v.surveyId && !(await findRow(db, "surveys", workspaceId, v.surveyId)))
    issues.push({ path: "surveyId", message: "no such survey in this workspace" });
  const touchpoint =
    v.touchpointId && (await touchpointRefIssue(db, workspaceId, v.touchpointId, keptTouchpoint));
  if (touchpoint) issues.push(touchpoint);
  if (issues.length) throw new ValidationError(issues);
}

/** An active trigger makes sends, so its survey must take answers (as a campaign's must to launch). */
async function checkActiveSurvey(db: Db, workspaceId: string, surveyId: string, then: string) {
  const survey = await findRow(db, "surveys", workspaceId, surveyId);
  if (survey) assertAcceptsAnswers(survey, then);
}

export async function createTrigger(db: Db, workspaceId: string, raw: TriggerInput): Promise<Trigger> {
  const input = triggerInput.parse(raw);
  await checkRefs(db, workspaceId, input);
  if (input.active)
    await checkActiveSurvey(
      db,
      workspaceId,
      input.surveyId,
      'create the trigger (or create it with "active": false)',
    );
  const row = await db
    .insertInto("triggers")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      name: input.name,
      event_type: input.eventType,
      conditions: JSON.stringify(input.conditions),
      delay_seconds: input.delaySeconds,
      survey_id: input.surveyId,
      touchpoint_id: input.touchpointId ?? null,
      active: input.active,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTrigger(row);
}

export async function getTrigger(db: Db, workspaceId: string, id: string): Promise<Trigger> {
  const row = await findTriggerRow(db, workspaceId, id);
  if (!row) throw new NotFoundError(`trigger ${id} not found`);
  return toTrigger(row);
}

/** Newest first, optionally of one event type or only the active (or inactive) ones. */
export async function listTriggers(
  db: Db,
  workspaceId: string,
  filter: TriggerFilter,
): Promise<Page<Trigger>> {
  const after = decodeIdCursor(filter.cursor);
  let q = db.selectFrom("triggers").selectAll().where("workspace_id", "=", workspaceId);
  if (filter.eventType) q = q.where("event_type", "=", filter.eventType);
  if (filter.active) q = q.where("active", "=", filter.active === "true");
  if (after) q = q.where("id", "<", after);
  const rows = await q
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
  return toPage(rows, filter.limit, toTrigger, (r) => r.id);
}

export async function updateTrigger(
  db: Db,
  workspaceId: string,
  id: string,
  raw: TriggerPatch,
): Promise<Trigger> {
  const patch = triggerPatch.parse(raw);
  const current = await findTriggerRow(db, workspaceId, id);
  await checkRefs(db, workspaceId, patch, current?.touchpoint_id);
  if (patch.active === true || (patch.surveyId !== undefined && patch.active !== false)) {
    if (current && (patch.active ?? current.active))
      await checkActiveSurvey(db, workspaceId, patch.surveyId ?? current.survey_id, "activate the trigger");
  }
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.eventType !== undefined && { event_type: patch.eventType }),
    ...(patch.conditions !== undefined && { conditions: JSON.stringify(patch.conditions) }),
    ...(patch.delaySeconds !== undefined && { delay_seconds: patch.delaySeconds }),
    ...(patch.surveyId !== undefined && { survey_id: patch.surveyId }),
    ...(patch.touchpointId !== undefined && { touchpoint_id: patch.touchpointId }),
    ...(patch.active !== undefined && { active: patch.active }),
  };
  if (Object.keys(set).length === 0) return getTrigger(db, workspaceId, id);
  const row = await db
    .updateTable("triggers")
    .set(set)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`trigger ${id} not found`);
  return toTrigger(row);
}

/** Sends already made by the trigger stay; they name it only in their metadata. */
export async function deleteTrigger(db: Db, workspaceId: string, id: string): Promise<void> {
  const r = await db
    .deleteFrom("triggers")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (r.numDeletedRows === 0n) throw new NotFoundError(`trigger ${id} not found`);
}

export interface ActiveTrigger {
  id: string;
  conditions: Conditions;
  delaySeconds: number;
  surveyId: string;
  touchpointId: string | null;
}

/** The active rules for one event type whose survey takes answers (a draft's or closed survey's fire nothing). */
export async function findActiveTriggers(
  db: Db,
  workspaceId: string,
  eventType: string,
): Promise<ActiveTrigger[]> {
  const rows = await db
    .selectFrom("triggers as t")
    .innerJoin("surveys as s", (j) =>
      j.onRef("s.workspace_id", "=", "t.workspace_id").onRef("s.id", "=", "t.survey_id"),
    )
    .select(["t.id", "t.conditions", "t.delay_seconds", "t.survey_id", "t.touchpoint_id", "s.status"])
    .where("t.workspace_id", "=", workspaceId)
    .where("t.event_type", "=", eventType)
    .where("t.active", "=", true)
    .orderBy("t.id")
    .execute();
  return rows.filter(acceptsAnswers).map((r) => ({
    id: r.id,
    conditions: r.conditions as Conditions,
    delaySeconds: r.delay_seconds,
    surveyId: r.survey_id,
    touchpointId: r.touchpoint_id,
  }));
}
