// /api/v1/triggers: the rules turning incoming events into sends, and trying one on a sample event.
import { dateOf } from "../../clock.ts";
import { canEditSurveys, canRead } from "../../domain/auth/permissions.ts";
import { pageOf } from "../../domain/fields.ts";
import {
  triggerFilter,
  triggerInput,
  triggerPatch,
  triggerSchema,
} from "../../domain/triggers/trigger-schema.ts";
import {
  createTrigger,
  deleteTrigger,
  getTrigger,
  listTriggers,
  updateTrigger,
} from "../../domain/triggers/triggers.ts";
import {
  draftTriggerDryRunInput,
  storedTriggerDryRunInput,
  triggerDryRunSchema,
} from "../../domain/triggers/dry-run-schema.ts";
import { dryRunTrigger } from "../../domain/triggers/dry-run.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/triggers";
const tag = "Triggers";
const one = { tag, params: { id: "trigger" } } as const;
const dryRunNote =
  "Nothing is stored or sent: no event, contact, send or email. The answer says whether the event would " +
  "make a send (`fires`), what would happen to its first email when due (`delivery`: sent, postponed for " +
  "quiet hours, or skipped), every reason it would not (`reasons`, in the order checked), each condition " +
  "with the event's value, and which contact the event names (or that it would create one).";

export function triggerRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listTriggers",
        method: "get",
        path: base,
        summary: "List trigger rules, newest first",
        description: "Filter by `eventType` and `active`.",
        tag,
        query: triggerFilter,
        access: { allowed: canRead, to: "read triggers" },
        success: { status: 200, schema: pageOf(triggerSchema, "TriggerPage") },
      }),
      async (c, { query }) => {
        return listTriggers(db, c.var.actor.workspaceId, query);
      },
    ),
    route(
      operation({
        operationId: "createTrigger",
        method: "post",
        path: base,
        summary: "Create a trigger rule",
        description:
          "An event type, conditions (`touchpoint` or `metadata.<key>`: a value, `{ in: [...] }` or `{ gte, lte }`), " +
          "a delay of up to 30 days and the survey to send. An active rule needs an active survey (409 " +
          "`urn:koe:problem:survey-not-active`); a rule whose survey is not active fires nothing.",
        tag,
        body: triggerInput,
        access: { allowed: canEditSurveys, to: "create triggers" },
        success: { status: 201, schema: triggerSchema },
        errors: [409],
      }),
      async (c, { body }) => {
        return createTrigger(db, c.var.actor.workspaceId, body);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "getTrigger",
        method: "get",
        path: `${base}/{id}`,
        summary: "Get a trigger rule",
        access: { allowed: canRead, to: "read triggers" },
        success: { status: 200, schema: triggerSchema },
      }),
      async (c, { params }) => {
        return getTrigger(db, c.var.actor.workspaceId, params.id);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "updateTrigger",
        method: "patch",
        path: `${base}/{id}`,
        summary: "Edit a trigger rule",
        description:
          "Set `active: false` to pause it. Activating it needs an active survey (409 `urn:koe:problem:survey-not-active`).",
        body: triggerPatch,
        access: { allowed: canEditSurveys, to: "edit triggers" },
        success: { status: 200, schema: triggerSchema },
        errors: [409],
      }),
      async (c, { params, body }) => {
        return updateTrigger(db, c.var.actor.workspaceId, params.id, body);
      },
    ),
    route(
      operation({
        operationId: "dryRunTriggerDraft",
        method: "post",
        path: `${base}/test`,
        summary: "Try an unsaved trigger on a sample event, sending nothing",
        description: `For the editor: the trigger as being written (its name may be empty). ${dryRunNote}`,
        tag,
        body: draftTriggerDryRunInput,
        access: { allowed: canRead, to: "try triggers" },
        success: { status: 200, schema: triggerDryRunSchema },
      }),
      async (c, { body }) => {
        return dryRunTrigger(db, c.var.actor.workspaceId, body.trigger, body.event, dateOf(deps.clock));
      },
    ),
    route(
      operation({
        ...one,
        operationId: "dryRunTrigger",
        method: "post",
        path: `${base}/{id}/test`,
        summary: "Try a trigger on a sample event, sending nothing",
        description: dryRunNote,
        body: storedTriggerDryRunInput,
        access: { allowed: canRead, to: "try triggers" },
        success: { status: 200, schema: triggerDryRunSchema },
      }),
      async (c, { params, body }) => {
        const ws = c.var.actor.workspaceId;
        const trigger = await getTrigger(db, ws, params.id);
        return dryRunTrigger(db, ws, trigger, body.event, dateOf(deps.clock));
      },
    ),
    route(
      operation({
        ...one,
        operationId: "deleteTrigger",
        method: "delete",
        path: `${base}/{id}`,
        summary: "Delete a trigger rule; the sends it made stay",
        access: { allowed: canEditSurveys, to: "delete triggers" },
        success: { status: 204 },
      }),
      async (c, { params }) => {
        await deleteTrigger(db, c.var.actor.workspaceId, params.id);
        return undefined;
      },
    ),
  ]);
}
