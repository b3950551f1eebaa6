// GET /api/v1/responses/export.csv: the responses feed's filters, every matching row, streamed.
import { dateOf } from "../../clock.ts";
import { canRead } from "../../domain/auth/permissions.ts";
import { exportColumns, responseCsv } from "../../domain/responses/export-responses.ts";
import { responseExportFilter } from "../../domain/responses/response-filter.ts";
import { getWorkspace } from "../../domain/workspaces/workspace-settings.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

/** The clock's day in the workspace's time zone, YYYY-MM-DD: the file's name. */
const today = (timeZone: string, now: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);

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

const path = "/api/v1/responses/export.csv";

export function responseExportRoutes(deps: AppDeps) {
  return contractRoutes(path, [
    route(
      operation({
        operationId: "exportResponsesCsv",
        method: "get",
        path,
        summary: "Every response matching the feed's filters, as a CSV file",
        description:
          `UTF-8 with BOM, RFC 4180, newest first, streamed; times in the workspace's time zone. Columns: ` +
          `${exportColumns.join(", ")}. Cells that a spreadsheet would run as a formula get a leading apostrophe. ` +
          `from/to take a day (a whole day in the workspace's time zone) or an ISO 8601 time.`,
        tag: "Responses",
        query: responseExportFilter,
        access: { allowed: canRead, to: "export responses" },
        success: {
          status: 200,
          mediaType: "text/csv",
          description:
            "The file (content-disposition: attachment; filename=koe-responses-YYYY-MM-DD.csv, " +
            "koe-testimonials-YYYY-MM-DD.csv with testimonial=true)",
        },
      }),
      async (c, { query }) => {
        const ws = c.var.actor.workspaceId;
        const { timeZone } = await getWorkspace(deps.db, ws);
        // The Testimonials page downloads its quotes through this filter: the file says what it holds.
        const fileName = query.testimonial === "true" ? "koe-testimonials" : "koe-responses";
        return c.body(streamOf(responseCsv(deps.db, ws, query, { timeZone })), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${fileName}-${today(timeZone, dateOf(deps.clock))}.csv"`,
          "cache-control": "no-store",
        });
      },
    ),
  ]);
}
