import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { SurveyRow } from "../../db/schema.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { deleteRow, getRow, listRows } from "../rows.ts";
import type { Page } from "../fields.ts";
import { segmentsOf } from "../scores/scales.ts";
import { followUpsOrDefaults } from "./default-follow-ups.ts";
import { resolveBrands, storedBrandNames, type Brands } from "../workspaces/brand.ts";
import { embedOriginsOf } from "../workspaces/embed-origins.ts";
import type { Survey, SurveyInput, SurveyPatch } from "./survey-schema.ts";

/** A brand name stored as a plain string (before names per language) reads as that name in every language. */
function settingsOf({ brandName, ...rest }: SurveyRow["settings"]): Survey["settings"] {
  return brandName === undefined ? rest : { ...rest, brandName: storedBrandNames(brandName) };
}

export function toSurvey(r: SurveyRow): Survey {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    question: r.question,
    followUps: r.follow_ups,
    defaultLocale: r.default_locale,
    status: r.status,
    settings: settingsOf(r.settings),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function createSurvey(db: Db, workspaceId: string, input: SurveyInput): Promise<Survey> {
  const row = await db
    .insertInto("surveys")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      name: input.name,
      kind: input.kind,
      question: JSON.stringify(input.question),
      follow_ups: JSON.stringify(followUpsOrDefaults(input)),
      default_locale: input.defaultLocale,
      status: input.status,
      settings: JSON.stringify(input.settings ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSurvey(row);
}

export async function getSurvey(db: Db, workspaceId: string, id: string): Promise<Survey> {
  return toSurvey(await getRow(db, "surveys", workspaceId, id));
}

export function listSurveys(
  db: Db,
  workspaceId: string,
  opts: { limit: number; cursor?: string | undefined },
): Promise<Page<Survey>> {
  return listRows(db, "surveys", workspaceId, opts, toSurvey);
}

export async function updateSurvey(
  db: Db,
  workspaceId: string,
  id: string,
  patch: SurveyPatch,
  /** The clock's time: the change's updated_at. */
  now: Date,
): Promise<Survey> {
  return db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom("surveys")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError(`survey ${id} not found`);
    if (patch.kind && patch.kind !== current.kind) {
      const answered = await tx
        .selectFrom("responses")
        .select("id")
        .where("workspace_id", "=", workspaceId)
        .where("survey_id", "=", id)
        .limit(1)
        .executeTakeFirst();
      if (answered) throw new ConflictError("the kind of a survey with responses cannot change");
    }
    const kind = patch.kind ?? current.kind;
    // A new kind drops the old kind's follow-ups; re-sending the same kind keeps them.
    const followUps =
      patch.followUps ?? (patch.kind && patch.kind !== current.kind ? {} : current.follow_ups);
    const allowed = segmentsOf(kind) as readonly string[];
    const stray = Object.keys(followUps).find((k) => !allowed.includes(k));
    if (stray) {
      throw new ValidationError([
        { path: `followUps.${stray}`, message: `a ${kind} survey has segments ${allowed.join(", ")}` },
      ]);
    }
    const row = await tx
      .updateTable("surveys")
      .set({
        name: patch.name,
        kind: patch.kind,
        question: patch.question && JSON.stringify(patch.question),
        follow_ups: JSON.stringify(followUps),
        default_locale: patch.defaultLocale,
        status: patch.status,
        settings: patch.settings && JSON.stringify(patch.settings),
        updated_at: now,
      })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSurvey(row);
  });
}

export function deleteSurvey(db: Db, workspaceId: string, id: string): Promise<void> {
  const inUse = "this survey has responses; close it (status: closed) instead of deleting it";
  return deleteRow(db, "surveys", workspaceId, id, inUse);
}

/**
 * A survey by id alone (link surveys are addressed by /s/:surveyId), with the brand its page shows and the
 * origins that may frame it.
 */
export async function findSurveyWithBrand(
  db: Db,
  id: string,
): Promise<{ survey: SurveyRow; brand: Brands; frameAncestors: string[] } | undefined> {
  const row = await db
    .selectFrom("surveys as s")
    .innerJoin("workspaces as w", "w.id", "s.workspace_id")
    .selectAll("s")
    .select([
      "w.name as workspace_name",
      "w.settings as workspace_settings",
      sql<unknown>`w.settings -> 'embed' -> 'origins'`.as("embed_origins"),
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { workspace_name, workspace_settings, embed_origins, ...survey } = row;
  const brand = resolveBrands({ name: workspace_name, settings: workspace_settings }, survey);
  return { survey, brand, frameAncestors: embedOriginsOf(embed_origins) };
}
