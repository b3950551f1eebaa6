// /api/v1/responses: recording responses one by one or in batches (historical import), listing them, one by id.
import { z } from "zod";
import { dateOf } from "../../clock.ts";
import { canRead, canRecordResponses } from "../../domain/auth/permissions.ts";
import { NotFoundError, ValidationError } from "../../domain/errors.ts";
import { importResponses } from "../../domain/responses/import-responses.ts";
import { getResponse, listResponses, responseFilter } from "../../domain/responses/list-responses.ts";
import {
  importResultSchema,
  MAX_BATCH,
  responseInput,
  responsePageSchema,
  responseSchema,
} from "../../domain/responses/response-schema.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";
import { check } from "../validate.ts";

const postQuery = z
  .object({
    atomic: z
      .enum(["true", "false"])
      .optional()
      .describe("true: a batch with an invalid row stores none of its rows"),
  })
  .strict();

const batch = z.array(responseInput).max(MAX_BATCH);
// The body is one response, an array of them, or { responses: [...] }. The handler checks it: a batch's
// invalid rows are reported by index while the valid ones are stored.
const responsesBody = z.union([responseInput, batch, z.object({ responses: batch }).strict()]);

function rowsOf(raw: unknown): { rows: unknown[]; single: boolean } {
  if (Array.isArray(raw)) return { rows: raw, single: false };
  if (raw && typeof raw === "object" && "responses" in raw) {
    const rows = (raw as { responses: unknown }).responses;
    if (!Array.isArray(rows)) throw new ValidationError([{ path: "responses", message: "must be an array" }]);
    return { rows, single: false };
  }
  return { rows: [raw], single: true };
}

const base = "/api/v1/responses";

export function responseRoutes(deps: AppDeps) {
  const { db } = deps;
  return contractRoutes(base, [
    route(
      operation({
        operationId: "recordResponses",
        method: "post",
        path: base,
        summary: "Record one response, or import a batch of up to 10,000",
        description:
          "One response answers 201 with the response. A batch (an array, or { responses: [...] }) answers 201 " +
          "with the ids of the rows stored and `errors` by row index for the invalid rows, which were not stored; " +
          "with ?atomic=true an invalid row stores none. A batch with no valid row is a 422 naming each error.",
        tag: "Responses",
        query: postQuery,
        body: responsesBody,
        bodyCheck: "handler",
        access: { allowed: canRecordResponses, to: "record responses" },
        success: {
          status: 201,
          schema: z.union([responseSchema, importResultSchema]),
          description: "The response (one sent), or the batch's result",
        },
      }),
      async (c, { query, body }) => {
        const { rows, single } = rowsOf(body);
        if (rows.length > MAX_BATCH) {
          throw new ValidationError([
            { path: "", message: `at most ${MAX_BATCH} responses per call; split the batch` },
          ]);
        }
        if (rows.length === 0) throw new ValidationError([{ path: "", message: "no responses in the body" }]);
        const ws = c.var.actor.workspaceId;
        if (single) check(responseInput, rows[0]);
        const result = await importResponses(db, ws, rows, dateOf(deps.clock), {
          atomic: query.atomic === "true" && !single,
        });
        if (single) {
          // One response: its errors name the fields as sent (surveyId, not [0].surveyId); nothing was stored.
          if (result.errors.length)
            throw new ValidationError(result.errors.map(({ path, message }) => ({ path, message })));
          const stored = await getResponse(db, ws, result.ids[0] as string);
          if (!stored) throw new Error("a stored response was not found");
          return stored;
        }
        if (result.inserted === 0) {
          const issues = result.errors.map((e) => ({
            path: `[${e.index}]${e.path ? "." + e.path : ""}`,
            message: e.message,
          }));
          throw new ValidationError(issues, `all ${rows.length} rows were invalid; nothing was stored`);
        }
        return result;
      },
    ),
    route(
      operation({
        operationId: "listResponses",
        method: "get",
        path: base,
        summary: "List responses, newest first, with filters",
        description:
          "q searches comments (case-insensitive, taken literally); scoreMin/scoreMax, segment, team and the " +
          "other filters narrow; from/to take a day (a whole day in the workspace's time zone) or an ISO 8601 " +
          "time; include=contact adds contact { id, name, email } and touchpoint { id, name } (or null) to each item.",
        tag: "Responses",
        query: responseFilter,
        access: { allowed: canRead, to: "read responses" },
        success: { status: 200, schema: responsePageSchema },
      }),
      async (c, { query }) => {
        return listResponses(db, c.var.actor.workspaceId, query);
      },
    ),
    route(
      operation({
        operationId: "getResponse",
        method: "get",
        path: `${base}/{id}`,
        summary: "Get one response",
        tag: "Responses",
        params: { id: "response" },
        access: { allowed: canRead, to: "read responses" },
        success: { status: 200, schema: responseSchema },
      }),
      async (c, { params }) => {
        const found = await getResponse(db, c.var.actor.workspaceId, params.id);
        if (!found) throw new NotFoundError(`response ${params.id} not found`);
        return found;
      },
    ),
  ]);
}
