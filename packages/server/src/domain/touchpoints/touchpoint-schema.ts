import { z } from "zod";
import { journeyStages, touchpointKinds } from "../../shared/vocabulary.ts";
import { channelSchema, idOut, timeOut } from "../fields.ts";

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
export type TouchpointPatch = z.infer<typeof touchpointPatch>;

export const touchpointSchema = z
  .object({
    id: idOut,
    name: z.string(),
    kind: z.enum(touchpointKinds),
    channel: channelSchema,
    team: z.string().nullable(),
    journeyStage: z.enum(journeyStages).nullable(),
    createdAt: timeOut,
    updatedAt: timeOut,
  })
  .meta({ id: "Touchpoint" });
export type Touchpoint = z.output<typeof touchpointSchema>;
