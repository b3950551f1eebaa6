// Campaigns: an audience, a schedule, a touchpoint and reminders; launched, paused, resumed, cancelled.
import type { Db } from "../../db/open.ts";
import type { CampaignStatus } from "../../db/schema.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { changesNothing } from "../patch.ts";
import { findRow } from "../rows.ts";
import { assertAcceptsAnswers } from "../surveys/accepts-answers.ts";
import {
  campaignInput,
  campaignPatch,
  type Audience,
  type Campaign,
  type CampaignInput,
  type Schedule,
} from "./campaign-schema.ts";
import { touchpointRefIssue } from "../touchpoints/touchpoints.ts";

type Row = Awaited<ReturnType<typeof findCampaignRow>> & object;

export function toCampaign(r: Row): Campaign {
  return {
    id: r.id,
    name: r.name,
    surveyId: r.survey_id,
    touchpointId: r.touchpoint_id,
    audience: r.audience as Audience,
    schedule: r.schedule as Schedule,
    reminders: r.reminders,
    status: r.status,
    round: r.round,
    nextRunAt: r.next_run_at?.toISOString() ?? null,
    launchedAt: r.launched_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function findCampaignRow(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom("campaigns")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
}

async function mustFind(db: Db, workspaceId: string, id: string): Promise<Row> {
  const row = await findCampaignRow(db, workspaceId, id);
  if (!row) throw new NotFoundError(`campaign ${id} not found`);
  return row;
}

async function checkRefs(
  db: Db,
  workspaceId: string,
  v: { surveyId?: string; touchpointId?: string | null },
  /** The touchpoint an edited campaign has: kept, it may be archived; a new one may not. */
  keptTouchpoint?: string | null,
) {
  const issues = [];
  if (v.surveyId && !(await findRow(db, "surveys", workspaceId, v.surveyId)))
    issues.push({ path: "surveyId", message: "no such survey in this workspace" });
  const touchpoint =
    v.touchpointId && (await touchpointRefIssue(db, workspaceId, v.touchpointId, keptTouchpoint));
  if (touchpoint) issues.push(touchpoint);
  if (issues.length) throw new ValidationError(issues);
}

export async function createCampaign(db: Db, workspaceId: string, raw: CampaignInput): Promise<Campaign> {
  const input = campaignInput.parse(raw);
  await checkRefs(db, workspaceId, input);
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("campaigns")
      .values({
        workspace_id: workspaceId,
        id,
        name: input.name,
        survey_id: input.surveyId,
        touchpoint_id: input.touchpointId ?? null,
        audience: JSON.stringify(input.audience),
        schedule: JSON.stringify(input.schedule),
        reminders: JSON.stringify(input.reminders),
        status: "draft",
      })
      .execute();
    if (input.audience.kind === "ids") await addAudienceIds(tx, workspaceId, id, input.audience.contactIds);
  });
  return toCampaign(await mustFind(db, workspaceId, id));
}

/** Ids that are not contacts of this workspace are reported, not silently dropped. */
export async function addAudienceIds(db: Db, workspaceId: string, campaignId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 10_000) {
    const chunk = unique.slice(i, i + 10_000);
    const known = await db
      .selectFrom("contacts")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where("id", "in", chunk)
      .execute();
    if (known.length !== chunk.length) {
      const have = new Set(known.map((k) => k.id));
      const missing = chunk.filter((c) => !have.has(c)).slice(0, 10);
      throw new ValidationError(
        missing.map((m) => ({ path: "audience.contactIds", message: `no contact ${m} in this workspace` })),
      );
    }
    await db
      .insertInto("campaign_contacts")
      .values(chunk.map((contact_id) => ({ workspace_id: workspaceId, campaign_id: campaignId, contact_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function getCampaign(db: Db, workspaceId: string, id: string): Promise<Campaign> {
  return toCampaign(await mustFind(db, workspaceId, id));
}

export async function listCampaigns(
  db: Db,
  workspaceId: string,
  page: { limit: number; after?: string | undefined },
): Promise<Row[]> {
  let q = db.selectFrom("campaigns").selectAll().where("workspace_id", "=", workspaceId);
  if (page.after) q = q.where("id", "<", page.after);
  return q
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
}

/** Only a draft is edited; a launched campaign is paused or cancelled instead. */
export async function updateCampaign(
  db: Db,
  workspaceId: string,
  id: string,
  raw: unknown,
  /** The clock's time: the edit's updated_at. */
  now: Date,
): Promise<Campaign> {
  const patch = campaignPatch.parse(raw);
  const row = await mustFind(db, workspaceId, id);
  if (changesNothing(patch)) return toCampaign(row);
  const notDraft = (status: CampaignStatus) =>
    new ConflictError(`campaign is ${status}; only a draft can be edited`);
  if (row.status !== "draft") throw notDraft(row.status);
  await checkRefs(db, workspaceId, patch, row.touchpoint_id);
  await db.transaction().execute(async (tx) => {
    // Still a draft when the edit lands: a launch in between wins, and the edit is refused.
    const edited = await tx
      .updateTable("campaigns")
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.surveyId !== undefined && { survey_id: patch.surveyId }),
        ...(patch.touchpointId !== undefined && { touchpoint_id: patch.touchpointId }),
        ...(patch.audience !== undefined && { audience: JSON.stringify(patch.audience) }),
        ...(patch.schedule !== undefined && { schedule: JSON.stringify(patch.schedule) }),
        ...(patch.reminders !== undefined && { reminders: JSON.stringify(patch.reminders) }),
        updated_at: now,
      })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (edited.numUpdatedRows === 0n) throw notDraft((await mustFind(tx, workspaceId, id)).status);
    if (patch.audience?.kind === "ids") {
      await tx
        .deleteFrom("campaign_contacts")
        .where("workspace_id", "=", workspaceId)
        .where("campaign_id", "=", id)
        .execute();
      await addAudienceIds(tx, workspaceId, id, patch.audience.contactIds);
    }
  });
  return toCampaign(await mustFind(db, workspaceId, id));
}

const firstRun = (s: Schedule, now: Date): Date =>
  s.kind === "at" ? new Date(s.at) : s.kind === "recurring" && s.startAt ? new Date(s.startAt) : now;

type Action = "launch" | "pause" | "resume" | "cancel";
const allowedFrom: Record<Action, CampaignStatus[]> = {
  launch: ["draft"],
  pause: ["scheduled", "running"],
  resume: ["paused"],
  cancel: ["draft", "scheduled", "running", "paused"],
};

/** Moves a campaign through its life; the worker does the sending. */
export async function changeCampaign(
  db: Db,
  workspaceId: string,
  id: string,
  action: Action,
  /** The clock's time: a launch runs from it (a campaign with no start time is due at once). */
  now: Date,
): Promise<Campaign> {
  await db.transaction().execute(async (tx) => {
    // Locked while checked and changed: an expansion step (which moves scheduled to running) either
    // finished before this reads, or waits and then finds the campaign paused or cancelled.
    const row = await tx
      .selectFrom("campaigns")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`campaign ${id} not found`);
    if (!allowedFrom[action].includes(row.status))
      throw new ConflictError(`cannot ${action} a campaign that is ${row.status}`);
    // Nothing goes out for a survey that takes no answers: its links would lead to a closed page.
    if (action === "launch" || action === "resume") {
      const survey = await findRow(tx, "surveys", workspaceId, row.survey_id);
      if (survey) assertAcceptsAnswers(survey, `${action} the campaign`);
    }
    const set =
      action === "launch"
        ? {
            status: "scheduled" as const,
            next_run_at: firstRun(row.schedule as Schedule, now),
            launched_at: now,
          }
        : action === "pause"
          ? { status: "paused" as const }
          : action === "resume"
            ? { status: row.expanded ? ("running" as const) : ("scheduled" as const) }
            : { status: "cancelled" as const, next_run_at: null };
    await tx
      .updateTable("campaigns")
      .set({ ...set, updated_at: now })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .execute();
    if (action === "cancel") {
      // Messages not yet out stay unsent, with the reason.
      await tx
        .updateTable("deliveries")
        .set({ status: "skipped", reason: "campaign_cancelled" })
        .where("workspace_id", "=", workspaceId)
        .where("status", "=", "queued")
        .where("send_id", "in", (s) =>
          s
            .selectFrom("sends")
            .select("id")
            .where("workspace_id", "=", workspaceId)
            .where("campaign_id", "=", id),
        )
        .execute();
    }
  });
  return toCampaign(await mustFind(db, workspaceId, id));
}
