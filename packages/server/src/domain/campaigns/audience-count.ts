// How many people an audience reaches, counted as a launch would: the contacts it matches, less those
// without an email (never queued) and those suppressed (queued, then skipped by the worker), each counted.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import { NotFoundError } from "../errors.ts";
import { idSchema } from "../fields.ts";
import { audienceSchema } from "./campaign-schema.ts";
import { findCampaignRow } from "./campaigns.ts";
import { audienceContacts } from "./expand.ts";

export const audienceCountInput = z
  .object({
    audience: audienceSchema,
    campaignId: idSchema
      .optional()
      .meta({ description: "The campaign whose uploaded (csv) audience is counted; needed for kind csv" }),
  })
  .strict();
export type AudienceCountInput = z.infer<typeof audienceCountInput>;

export const audienceCountSchema = z
  .object({
    matching: z.number().int().meta({ description: "Contacts the audience matches" }),
    withoutEmail: z
      .number()
      .int()
      .meta({ description: "Of `matching`, contacts with no email address: never queued" }),
    suppressed: z.number().int().meta({
      description: "Of `matching`, contacts whose address is suppressed (unsubscribed, bounced): skipped",
    }),
    reach: z.number().int().meta({
      description:
        "matching − withoutEmail − suppressed: the people the campaign would email now (the fatigue rule may still skip some when due)",
    }),
  })
  .meta({ id: "AudienceCount" });
export type AudienceCount = z.output<typeof audienceCountSchema>;

export async function countAudience(
  db: Db,
  workspaceId: string,
  input: AudienceCountInput,
): Promise<AudienceCount> {
  const { audience, campaignId } = input;
  if (campaignId && !(await findCampaignRow(db, workspaceId, campaignId)))
    throw new NotFoundError(`campaign ${campaignId} not found`);
  // A csv audience lives in the campaign's list: nothing to count before a campaign has one.
  if (audience.kind === "csv" && !campaignId)
    return { matching: 0, withoutEmail: 0, suppressed: 0, reach: 0 };
  const ids = audience.kind === "ids" ? audience.contactIds : undefined;
  const { rows } = await sql<Omit<AudienceCount, "reach">>`
    select count(*)::int as matching,
      count(*) filter (where co.email is null)::int as "withoutEmail",
      count(*) filter (where co.email is not null and exists (select from suppressions x
        where x.workspace_id = co.workspace_id and x.email = co.email))::int as suppressed
    from ${audienceContacts(workspaceId, campaignId ?? null, audience, ids)}`.execute(db);
  const r = rows[0] ?? { matching: 0, withoutEmail: 0, suppressed: 0 };
  return { ...r, reach: r.matching - r.withoutEmail - r.suppressed };
}
