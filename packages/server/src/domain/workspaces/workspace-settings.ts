// A workspace as its admins see it: name, locale, time zone and the settings (brand, sender, fatigue,
// the sites that may embed its survey pages).
// The jsonb column stores only what was set; readers get every value with its default filled in.
import { sql, type Selectable } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { Locale, WorkspaceSettingsJson, WorkspaceTable } from "../../db/schema.ts";
import { roleMay } from "../../shared/roles.ts";
import type { Actor } from "../auth/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { idOut, localeSchema, timeZoneSchema } from "../fields.ts";
import { changesNothing } from "../patch.ts";
import { lockRollups } from "../rollups/rollup-changes.ts";
import { embedOrigins, embedOriginsOf } from "./embed-origins.ts";
import { brandColorSchema, brandLogoSchema, brandNameSchema, resolveBrand, resolveBrands } from "./brand.ts";
import { rebuildRollups } from "../rollups/rebuild-rollups.ts";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM (00:00–23:59)");
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // Goes into mail headers (From): a line break there could add headers.
    .regex(/^[^\r\n]*$/, "must be on one line");

// The name: a plain string (every language) or { ja, en }; stored as { ja?, en? } (brand.ts).
const brandFields = { name: brandNameSchema, logoUrl: brandLogoSchema, color: brandColorSchema };
const senderFields = {
  name: oneLine(100),
  address: z.email().max(320).toLowerCase(),
  // Shown in every survey email's footer, as Japan's Act on Specified Electronic Mail asks.
  postalAddress: z.string().trim().min(1).max(500),
};
const fatigueFields = {
  days: z.number().int().min(0).max(3650),
  quietStart: time,
  quietEnd: time,
};
const embedFields = { origins: embedOrigins };

/** What the column may hold: every field optional (unset means the default). */
export const workspaceSettingsSchema = z
  .object({
    brand: z.object(brandFields).partial().strict(),
    sender: z.object(senderFields).partial().strict(),
    fatigue: z.object(fatigueFields).partial().strict(),
    embed: z.object(embedFields).partial().strict(),
  })
  .partial()
  .strict();

/** In a PATCH a field given null goes back to its default. */
const clearable = <T extends Record<string, z.ZodType>>(fields: T) =>
  z
    .object(
      Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.nullable().optional()])) as {
        [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>>;
      },
    )
    .strict();

export const workspaceSettingsPatch = z
  .object({
    brand: clearable(brandFields),
    sender: clearable(senderFields),
    fatigue: clearable(fatigueFields),
    embed: clearable(embedFields),
  })
  .partial()
  .strict();

export const workspacePatch = z
  .object({
    name: oneLine(200),
    defaultLocale: localeSchema,
    timeZone: timeZoneSchema,
    settings: workspaceSettingsPatch,
  })
  .partial()
  .strict();

export type WorkspaceSettingsPatch = z.infer<typeof workspaceSettingsPatch>;
export type WorkspacePatch = z.infer<typeof workspacePatch>;

// What the API answers (http/contract/): every setting with its default filled in.
const fatigueOut = z.object({
  days: z.number().int().meta({ description: "Days in which a person is surveyed at most once" }),
  quietStart: z.string().meta({ description: "HH:MM in the contact's time zone: no email from then…" }),
  quietEnd: z.string().meta({ description: "…until then" }),
});
export type FatigueSettings = z.output<typeof fatigueOut>;

export const workspaceSettingsOut = z
  .object({
    brand: z.object({
      name: z.object({ ja: z.string(), en: z.string() }).meta({
        description:
          "The name in each language, each filled in (the other language's, else the workspace's name)",
      }),
      logoUrl: z.string().nullable(),
      color: z.string().meta({ description: "#RRGGBB" }),
    }),
    sender: z.object({
      name: z.string(),
      address: z.string().nullable(),
      postalAddress: z.string().nullable(),
    }),
    fatigue: fatigueOut,
    embed: z.object({
      origins: z
        .array(z.string())
        .meta({ description: "Origins whose pages may frame the survey pages; empty: none may" }),
    }),
  })
  .meta({ id: "WorkspaceSettings" });
export type WorkspaceSettings = z.output<typeof workspaceSettingsOut>;

/** The caller's workspace with its settings (not the installation's list: that is routes/workspaces.ts). */
export const currentWorkspaceSchema = z
  .object({
    id: idOut,
    name: z.string(),
    defaultLocale: localeSchema,
    timeZone: z.string(),
    settings: workspaceSettingsOut,
  })
  .meta({ id: "CurrentWorkspace" });
export type Workspace = z.output<typeof currentWorkspaceSchema>;

export const defaultFatigue: FatigueSettings = { days: 90, quietStart: "21:00", quietEnd: "08:00" };

/** Changing the workspace itself (name, time zone, brand, sender, fatigue) is for owners and admins. */
export const canEditWorkspace = (actor: Actor): boolean => roleMay(actor.role, "editWorkspace");

type WorkspaceRow = Selectable<WorkspaceTable>;

/** A stored value if it is still valid, else undefined: a bad value falls back to its default, never breaks sending. */
function valid<T extends z.ZodType>(field: T, value: unknown): z.output<T> | undefined {
  const parsed = field.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Every setting with its default filled in: the brand is the workspace's name, the sender the brand (in the
 * workspace's language; an email without a sender name is from the brand in its own language).
 */
export function resolveWorkspaceSettings(
  row: Pick<WorkspaceRow, "name" | "settings"> & { default_locale?: Locale },
): WorkspaceSettings {
  const { sender = {}, fatigue = {}, embed = {} } = row.settings;
  const { ja, en } = resolveBrands(row);
  return {
    brand: { name: { ja: ja.name, en: en.name }, logoUrl: ja.logoUrl, color: ja.color },
    sender: {
      name: valid(senderFields.name, sender.name) ?? (row.default_locale === "en" ? en : ja).name,
      address: valid(senderFields.address, sender.address) ?? null,
      postalAddress: valid(senderFields.postalAddress, sender.postalAddress) ?? null,
    },
    fatigue: {
      days: valid(fatigueFields.days, fatigue.days) ?? defaultFatigue.days,
      quietStart: valid(fatigueFields.quietStart, fatigue.quietStart) ?? defaultFatigue.quietStart,
      quietEnd: valid(fatigueFields.quietEnd, fatigue.quietEnd) ?? defaultFatigue.quietEnd,
    },
    embed: { origins: embedOriginsOf(embed.origins) },
  };
}

/** Who an email in this language is from: the sender name set, else the brand in that language. */
export const senderNameOf = (row: Pick<WorkspaceRow, "name" | "settings">, locale: Locale): string =>
  valid(senderFields.name, row.settings.sender?.name) ?? resolveBrand(row, locale).name;

/** The stored settings with a patch applied section by section: absent keeps, null clears, a value sets. */
export function mergeWorkspaceSettings(
  current: WorkspaceSettingsJson,
  patch: WorkspaceSettingsPatch,
): WorkspaceSettingsJson {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const section of ["brand", "sender", "fatigue", "embed"] as const) {
    const next: Record<string, unknown> = { ...current[section] };
    for (const [key, value] of Object.entries(patch[section] ?? {})) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    if (Object.keys(next).length > 0) merged[section] = next;
  }
  return merged as WorkspaceSettingsJson;
}

export function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    name: row.name,
    defaultLocale: row.default_locale,
    timeZone: row.time_zone,
    settings: resolveWorkspaceSettings(row),
  };
}

export async function getWorkspace(db: Db, workspaceId: string): Promise<Workspace> {
  const row = await db.selectFrom("workspaces").selectAll().where("id", "=", workspaceId).executeTakeFirst();
  if (!row) throw new NotFoundError(`workspace ${workspaceId} not found`);
  return toWorkspace(row);
}

export async function updateWorkspace(
  db: Db,
  workspaceId: string,
  patch: WorkspacePatch,
): Promise<Workspace> {
  if (changesNothing(patch)) return getWorkspace(db, workspaceId);
  // Outside the transaction: a failed statement would abort it.
  if (patch.timeZone !== undefined) await ensureDatabaseKnowsZone(db, patch.timeZone);
  return db.transaction().execute(async (tx) => {
    // The rollup job's lock first, as the job takes it: the job's writes wait on the workspace row, so
    // holding the row while waiting for the job would deadlock.
    if (patch.timeZone !== undefined) await lockRollups(tx, workspaceId);
    // Locked so that two admins changing different settings at once both keep their change.
    const current = await tx
      .selectFrom("workspaces")
      .selectAll()
      .where("id", "=", workspaceId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError(`workspace ${workspaceId} not found`);
    const zoneChanged = patch.timeZone !== undefined && patch.timeZone !== current.time_zone;
    const row = await tx
      .updateTable("workspaces")
      .set({
        name: patch.name,
        default_locale: patch.defaultLocale,
        time_zone: patch.timeZone,
        settings: patch.settings && JSON.stringify(mergeWorkspaceSettings(current.settings, patch.settings)),
      })
      .where("id", "=", workspaceId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Rollups are bucketed by day in the workspace's time zone: rebucket them, or reports mix zones.
    if (zoneChanged) await rebuildRollups(tx, workspaceId);
    return toWorkspace(row);
  });
}

/** Intl accepted the zone; PostgreSQL must too, since rollups compute days with `at time zone`. */
async function ensureDatabaseKnowsZone(db: Db, zone: string): Promise<void> {
  try {
    await sql`select now() at time zone ${zone}`.execute(db);
  } catch {
    throw new ValidationError([
      { path: "timeZone", message: "must be an IANA time zone such as Asia/Tokyo" },
    ]);
  }
}
