// The first-run checklist: what a new workspace still needs before its first campaign (sender, the postal
// address the footer of marketing email needs under 特定電子メール法, brand, a touchpoint, a survey,
// contacts, a campaign), each ticked from the workspace's own settings and rows.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import { NotFoundError } from "../errors.ts";

export const setupSteps = [
  "senderName",
  "senderAddress",
  "postalAddress",
  "brand",
  "touchpoint",
  "survey",
  "contacts",
  "campaign",
] as const;
export type SetupStep = (typeof setupSteps)[number];

export const setupChecklistSchema = z
  .object({
    steps: z
      .array(z.object({ step: z.enum(setupSteps), done: z.boolean() }))
      .describe("In the order to do them"),
    done: z.boolean().describe("Every step is done"),
    demo: z.boolean().describe("A demo workspace: its data is seeded, so the admin app shows no checklist"),
  })
  .meta({ id: "SetupChecklist" });
export type SetupChecklist = z.output<typeof setupChecklistSchema>;

const isSet = (v: unknown) => (typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null);

/** One statement: the settings and whether each kind of row exists yet (exists stops at the first). */
export async function getSetupChecklist(db: Db, workspaceId: string): Promise<SetupChecklist> {
  const has = (table: "touchpoints" | "surveys" | "contacts" | "campaigns") =>
    sql<boolean>`exists (select 1 from ${sql.table(table)} where workspace_id = w.id)`;
  const row = await db
    .selectFrom("workspaces as w")
    .select([
      "w.settings",
      "w.is_demo",
      has("touchpoints").as("touchpoint"),
      has("surveys").as("survey"),
      has("contacts").as("contacts"),
      has("campaigns").as("campaign"),
    ])
    .where("w.id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`workspace ${workspaceId} not found`);
  const { sender = {}, brand = {} } = row.settings;
  // The brand counts once any of it is chosen: a name of its own, a logo or a colour.
  const brandSet = isSet(brand.logoUrl) || isSet(brand.color) || isSet(brand.name);
  const done: Record<SetupStep, boolean> = {
    senderName: isSet(sender.name),
    senderAddress: isSet(sender.address),
    postalAddress: isSet(sender.postalAddress),
    brand: brandSet,
    touchpoint: row.touchpoint,
    survey: row.survey,
    contacts: row.contacts,
    campaign: row.campaign,
  };
  const steps = setupSteps.map((step) => ({ step, done: done[step] }));
  return { steps, done: steps.every((s) => s.done), demo: row.is_demo };
}
