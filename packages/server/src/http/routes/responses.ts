import { Hono } from "hono";
import { z } from "zod";
import { canRead, canRecordResponses, ensure } from "../../domain/auth/permissions.ts";
import { NotFoundError, ValidationError } from "../../domain/errors.ts";
import { importResponses } from "../../domain/responses/import-responses.ts";
import { getResponse, listResponses, responseFilter } from "../../domain/responses/list-responses.ts";
import { MAX_BATCH, responseInput } from "../../domain/responses/response-schema.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { check, pathId, query, readJson } from "../validate.ts";

const postQuery = z.object({ atomic: z.enum(["true", "false"]).optional() }).strict();

// The body is one response, an array of them, or { responses: [...] }.
export const responsesBody = z.union([
  responseInput,
  z.array(z.unknown()).max(MAX_BATCH),
  z.object({ responses: z.array(z.unknown()).max(MAX_BATCH) }).strict(),
]);

function rowsOf(raw: unknown): { rows: unknown[]; single: boolean } {
  if (Array.isArray(raw)) return { rows: raw, single: false };
  if (raw && typeof raw === "object" && "responses" in raw) {
    const rows = (raw as { responses: unknown }).responses;
    if (!Array.isArray(rows)) throw new ValidationError([{ path: "responses", message: "must be an array" }]);
    return { rows, single: false };
  }
  return { rows: [raw], single: true };
}

export function responseRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db, events } = deps;
  const routes = new Hono<AppEnv>()
    .post("/", async (c) => {
      ensure(canRecordResponses(c.var.actor), "record responses");
      const { atomic } = query(c, postQuery);
      const { rows, single } = rowsOf(await readJson(c));
      if (rows.length > MAX_BATCH) {
        throw new ValidationError([
          { path: "", message: `at most ${MAX_BATCH} responses per call; split the batch` },
        ]);
      }
      if (rows.length === 0) throw new ValidationError([{ path: "", message: "no responses in the body" }]);
      const ws = c.var.actor.workspaceId;
      if (single) check(responseInput, rows[0]);
      const result = await importResponses(db, events, ws, rows, { atomic: atomic === "true" && !single });
      if (single) {
        // One response: its errors name the fields as sent (surveyId, not [0].surveyId); nothing was stored.
        if (result.errors.length)
          throw new ValidationError(result.errors.map(({ path, message }) => ({ path, message })));
        return c.json(await getResponse(db, ws, result.ids[0] as string), 201);
      }
      if (result.inserted === 0) {
        const issues = result.errors.map((e) => ({
          path: `[${e.index}]${e.path ? "." + e.path : ""}`,
          message: e.message,
        }));
        throw new ValidationError(issues, `all ${rows.length} rows were invalid; nothing was stored`);
      }
      return c.json(result, result.errors.length ? 200 : 201);
    })
    .get("/", async (c) => {
      ensure(canRead(c.var.actor), "read responses");
      return c.json(await listResponses(db, c.var.actor.workspaceId, query(c, responseFilter)));
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), "read responses");
      const id = pathId(c, "response");
      const found = await getResponse(db, c.var.actor.workspaceId, id);
      if (!found) throw new NotFoundError(`response ${id} not found`);
      return c.json(found);
    });
  const docs: RouteDoc[] = [
    {
      method: "post",
      path: "/api/v1/responses",
      summary:
        "Record one response (201 with the response) or a batch of up to 10,000 (201 when all stored; 200 with " +
        "`errors` by row index when some were invalid and the rest stored; with ?atomic=true a bad row stores none)",
      tag: "Responses",
      body: responsesBody,
      query: postQuery,
      success: 201,
    },
    {
      method: "get",
      path: "/api/v1/responses",
      summary:
        "List responses, newest first. q searches comments (case-insensitive, taken literally); scoreMin/scoreMax, " +
        "segment, team and the other filters narrow; include=contact adds contact { id, name, email } and " +
        "touchpoint { id, name } (or null) to each item",
      tag: "Responses",
      query: responseFilter,
      success: 200,
    },
    {
      method: "get",
      path: "/api/v1/responses/{id}",
      summary: "Get one response",
      tag: "Responses",
      success: 200,
    },
  ];
  return { routes, docs };
}
