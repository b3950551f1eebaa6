// GET /api/v1/responses/export.csv: the responses feed's filters, every matching row, streamed.
import { Hono } from "hono";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import { exportColumns, responseCsv } from "../../domain/responses/export-responses.ts";
import { responseExportFilter } from "../../domain/responses/response-filter.ts";
import { getWorkspace } from "../../domain/workspaces/workspace-settings.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { query } from "../validate.ts";

const today = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

/** A pull stream: the next page is read only when the client has taken the last one. */
function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export function responseExportRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const routes = new Hono<AppEnv>().get("/", async (c) => {
    ensure(canRead(c.var.actor), "export responses");
    const filter = query(c, responseExportFilter);
    const ws = c.var.actor.workspaceId;
    const { timeZone } = await getWorkspace(deps.db, ws);
    return c.body(streamOf(responseCsv(deps.db, ws, filter, { timeZone })), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="koe-responses-${today(timeZone)}.csv"`,
      "cache-control": "no-store",
    });
  });
  const docs: RouteDoc[] = [
    {
      method: "get",
      path: "/api/v1/responses/export.csv",
      summary:
        `Every response matching the feed's filters as CSV (UTF-8 with BOM, RFC 4180, newest first, streamed; ` +
        `times in the workspace's time zone): ${exportColumns.join(", ")}. Cells that a spreadsheet would run ` +
        `as a formula get a leading apostrophe`,
      tag: "Responses",
      query: responseExportFilter,
      success: 200,
    },
  ];
  return { routes, docs };
}
