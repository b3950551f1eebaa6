import { z } from "zod";
import { journeyStages, touchpointKinds } from "../../shared/vocabulary.ts";
import { channelSchema, idOut, pageSchema, timeOut } from "../fields.ts";

export { journeyStages, touchpointKinds };

export const touchpointInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(touchpointKinds),
    channel: channelSchema,
    team: z.string().trim().max(200).nullable().optional(),
    journeyStage: z.enum(journeyStages).nullable().optional(),
  })
  .strict();
export const touchpointPatch = touchpointInput.partial().strict();

export type TouchpointInput = z.infer<typeof touchpointInput>;

/**
 * `archived`: `all` (the default, so a list reads as it did before archiving existed: an integration that
 * maps touchpoint ids to names for reports keeps the archived ones it still sees answers for), `false` for
 * the touchpoints that take new campaigns and triggers, `true` for the archived ones only.
 */
export const touchpointListQuery = pageSchema.extend({
  archived: z
    .enum(["all", "true", "false"])
    .default("all")
    .meta({
      description:
        "`all` (default): every touchpoint; `false`: only those not archived (the ones new campaigns and " +
        "triggers may use); `true`: only the archived ones",
    }),
});
export type TouchpointListQuery = z.output<typeof touchpointListQuery>;
export type TouchpointPatch = z.infer<typeof touchpointPatch>;

export const touchpointSchema = z
  .object({
    id: idOut,
    name: z.string(),
    kind: z.enum(touchpointKinds),
    channel: channelSchema,
    team: z.string().nullable(),
    journeyStage: z.enum(journeyStages).nullable(),
    archived: z.boolean().meta({
      description:
        "An archived touchpoint keeps its answers and reports but takes no new campaigns or triggers",
    }),
    archivedAt: timeOut.nullable().meta({ description: "When it was archived; null when it is not" }),
    createdAt: timeOut,
    updatedAt: timeOut,
  })
  .meta({ id: "Touchpoint" });
export type Touchpoint = z.output<typeof touchpointSchema>;
