// /api/v1/sends: one survey to one contact with its personal link, its score clicks, and the override that
// accepts a click as the answer.
import { dateOf } from "../../clock.ts";
import { canEditSurveys, canRead, canRecordResponses } from "../../domain/auth/permissions.ts";
import {
  acceptedIntentSchema,
  sendInput,
  sendSchema,
  sendWithIntentsSchema,
} from "../../domain/sends/send-schema.ts";
import { createSend, getSend } from "../../domain/sends/sends.ts";
import { listIntents } from "../../domain/sends/intents.ts";
import { acceptIntent } from "../../domain/sends/accept-intent.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

const base = "/api/v1/sends";

export function sendRoutes(deps: AppDeps) {
  const links = { secret: deps.secret, baseUrl: deps.baseUrl };
  return contractRoutes(base, [
    route(
      operation({
        operationId: "createSend",
        method: "post",
        path: base,
        summary: "Create a send: one contact invited to one survey, with its personal link",
        description:
          "Answers the personal `url` and one `scoreUrls` link per score. 409 `urn:koe:problem:survey-not-active` " +
          "unless the survey is active.",
        tag: "Sends",
        body: sendInput,
        access: { allowed: canRecordResponses, to: "create sends" },
        success: { status: 201, schema: sendSchema },
        errors: [409],
      }),
      async (c, { body }) => {
        return createSend(deps.db, c.var.actor.workspaceId, body, links, dateOf(deps.clock));
      },
    ),
    route(
      operation({
        operationId: "getSend",
        method: "get",
        path: `${base}/{id}`,
        summary: "Get a send with its links and the audit trail of its score clicks",
        description: "The intents, oldest first, each with the scanner's verdict and its reason.",
        tag: "Sends",
        params: { id: "send" },
        access: { allowed: canRead, to: "read sends" },
        success: { status: 200, schema: sendWithIntentsSchema },
      }),
      async (c, { params }) => {
        const ws = c.var.actor.workspaceId;
        const send = await getSend(deps.db, ws, params.id, links);
        return { ...send, intents: await listIntents(deps.db, ws, send.id) };
      },
    ),
    route(
      operation({
        operationId: "acceptIntent",
        method: "post",
        path: `${base}/{id}/intents/{intentId}/accept`,
        summary: "Accept a recorded score click as the contact's answer (override a scanner verdict)",
        description:
          "The click's score becomes the send's answer, keeping a comment the person already gave. 409 for a " +
          "campaign's test send, whose clicks are the tester's.",
        tag: "Sends",
        params: { id: "send", intentId: "intent" },
        access: { allowed: canEditSurveys, to: "override scanner verdicts" },
        success: { status: 200, schema: acceptedIntentSchema },
        errors: [409],
      }),
      async (c, { params }) => {
        return acceptIntent(deps.db, c.var.actor.workspaceId, params.id, params.intentId, dateOf(deps.clock));
      },
    ),
  ]);
}
