// What a trigger rule is: an event type, conditions over the event, a delay, and the survey to send.
import { z } from "zod";
import { idOut, idSchema, pageSchema, timeOut } from "../fields.ts";

/** Thirty days: the longest a post-purchase survey sensibly waits (the table checks the same bound). */
export const MAX_DELAY_SECONDS = 30 * 86_400;
export const MAX_CONDITIONS = 20;
export const MAX_IN_VALUES = 100;

/** An event type such as `chat.closed` or `order_delivered`: one word, so a stray space cannot hide a mismatch. */
export const eventTypeSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^\S+$/, { error: "must not contain spaces" });

const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);
const inList = z.object({ in: z.array(scalar).min(1).max(MAX_IN_VALUES) }).strict();
const range = z
  .object({ gte: z.number().optional(), lte: z.number().optional() })
  .strict()
  .refine((r) => r.gte !== undefined || r.lte !== undefined, "give gte, lte or both");

/** One condition: equal to a value, one of a list, or a number within bounds. */
export const conditionSchema = z.union([scalar, inList, range], {
  error: "must be a value, { in: [values] } or { gte: number, lte: number }",
});
export type Condition = z.infer<typeof conditionSchema>;

const comparesIds = (c: Condition | undefined): boolean =>
  c === undefined || typeof c === "string" || (typeof c === "object" && "in" in c);

/**
 * All must hold. Keys are `touchpoint` (the event's touchpoint id) or `metadata.<key>` (a key of the event's
 * metadata), e.g. { "metadata.plan": "pro", "metadata.orderTotal": { "gte": 5000 } }.
 */
export const conditionsSchema = z
  .record(
    z.string().regex(/^(touchpoint|metadata\..{1,64})$/s, {
      error: "a condition key is `touchpoint` or `metadata.<key>`",
    }),
    conditionSchema,
  )
  .refine((o) => Object.keys(o).length <= MAX_CONDITIONS, `at most ${MAX_CONDITIONS} conditions`)
  .refine((o) => comparesIds(o.touchpoint), {
    error: "touchpoint is compared with a touchpoint id or { in: [ids] }",
    path: ["touchpoint"],
  });
export type Conditions = z.infer<typeof conditionsSchema>;

const fields = {
  name: z.string().trim().min(1).max(200),
  eventType: eventTypeSchema,
  conditions: conditionsSchema,
  delaySeconds: z.number().int().min(0).max(MAX_DELAY_SECONDS),
  surveyId: idSchema,
  touchpointId: idSchema.nullable(),
  active: z.boolean(),
};

export const triggerInput = z
  .object({
    ...fields,
    conditions: fields.conditions.default({}),
    delaySeconds: fields.delaySeconds.default(0),
    touchpointId: fields.touchpointId.optional(),
    active: fields.active.default(true),
  })
  .strict();
export type TriggerInput = z.input<typeof triggerInput>;

// Built from the bare fields, not triggerInput.partial(): zod applies defaults inside optional fields,
// so a partial of the input would reset conditions and delay on every edit.
export const triggerPatch = z.object(fields).partial().strict();
export type TriggerPatch = z.output<typeof triggerPatch>;

export const triggerFilter = pageSchema
  .extend({
    eventType: eventTypeSchema.optional(),
    active: z.enum(["true", "false"]).optional(),
  })
  .strict();
export type TriggerFilter = z.output<typeof triggerFilter>;

// What the API answers (http/contract/).
const scalarOut = z.union([z.string(), z.number(), z.boolean()]);
const conditionOut = z.union([
  scalarOut,
  z.object({ in: z.array(scalarOut) }),
  z.object({ gte: z.number().optional(), lte: z.number().optional() }),
]);

export const triggerSchema = z
  .object({
    id: idOut,
    name: z.string(),
    eventType: z.string(),
    conditions: z.record(z.string(), conditionOut).meta({
      description: "All must hold; keys are `touchpoint` or `metadata.<key>`",
    }),
    delaySeconds: z.number().int(),
    surveyId: idOut,
    touchpointId: idOut.nullable(),
    active: z.boolean(),
    createdAt: timeOut,
  })
  .meta({ id: "Trigger", description: "A rule that sends a survey when an event of its type matches" });
export type Trigger = z.output<typeof triggerSchema>;
