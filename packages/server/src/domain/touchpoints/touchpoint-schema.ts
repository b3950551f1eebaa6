import { z } from "zod";
import { channelSchema } from "../fields.ts";

export const touchpointKinds = [
  "product",
  "support",
  "sales",
  "marketing",
  "onboarding",
  "billing",
  "other",
] as const;
export const journeyStages = [
  "awareness",
  "consideration",
  "purchase",
  "onboarding",
  "adoption",
  "support",
  "renewal",
  "advocacy",
] as const;

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

export interface Touchpoint {
  id: string;
  name: string;
  kind: (typeof touchpointKinds)[number];
  channel: z.infer<typeof channelSchema>;
  team: string | null;
  journeyStage: (typeof journeyStages)[number] | null;
  createdAt: string;
  updatedAt: string;
}
