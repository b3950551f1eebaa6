// /api/v1/reports: NPS, CSAT and CES over time with margins of error, and the response rate.
import type { Context } from "hono";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import { getReport } from "../../domain/reports/report.ts";
import { reportQuery, type ReportQuery } from "../../domain/reports/report-query.ts";
import { reportSchemas, responseRateSchema } from "../../domain/reports/report-schema.ts";
import { getResponseRate, responseRateQuery } from "../../domain/reports/response-rate.ts";
import type { SurveyKind } from "../../domain/scores/scales.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps, AppEnv } from "../env.ts";

const base = "/api/v1/reports";

const filters =
  "groupBy=day|week|month|touchpoint|channel|segment|survey (one or two, comma-separated) adds groups. " +
  "Filters: from/to (days in the workspace's time zone), surveyId, touchpoint, channel, team (touchpoints of that " +
  "team), all answered from the daily rollups. attribute.<key>=<value> (up to 5) keeps contacts whose attribute " +
  "has that value (as text). One attribute with few values (at most 100 across the workspace's contacts; up to 20 " +
  "such attributes per workspace) is answered from daily rollups per attribute value, kept current by a background " +
  "job, with the days changed since its last run read from the responses; any other attribute filter is computed " +
  "from the responses joined to their contacts (give from/to on large workspaces). Either way the groups, the " +
  "result shape and the figures are those of the responses. compare=previous works with every filter.";

/** What the three score reports share; each gives its own id, summary and answer. */
const scoreReport = (kind: SurveyKind) =>
  ({
    method: "get",
    path: `${base}/${kind}`,
    description: filters,
    tag: "Reports",
    query: reportQuery,
  }) as const;

export function reportRoutes(deps: AppDeps) {
  const report = <K extends SurveyKind>(c: Context<AppEnv>, kind: K, query: ReportQuery) => {
    ensure(canRead(c.var.actor), "read reports");
    return getReport(deps.db, c.var.actor.workspaceId, kind, query);
  };
  return contractRoutes(base, [
    route(
      operation({
        ...scoreReport("nps"),
        operationId: "getNpsReport",
        summary: "NPS (−100…+100) with n, promoters/passives/detractors, 95 % margin of error and interval",
        success: { status: 200, schema: reportSchemas.nps },
      }),
      (c, { query }) => report(c, "nps", query),
    ),
    route(
      operation({
        ...scoreReport("csat"),
        operationId: "getCsatReport",
        summary: "CSAT (share of 4s and 5s, %) with n, margin of error and interval",
        success: { status: 200, schema: reportSchemas.csat },
      }),
      (c, { query }) => report(c, "csat", query),
    ),
    route(
      operation({
        ...scoreReport("ces"),
        operationId: "getCesReport",
        summary: "CES (mean 1–7) with the share agreeing (≥ 5), n, margin of error and interval",
        success: { status: 200, schema: reportSchemas.ces },
      }),
      (c, { query }) => report(c, "ces", query),
    ),
    route(
      operation({
        operationId: "getResponseRate",
        method: "get",
        path: `${base}/response-rate`,
        summary: "Response rate: of the sends created in a period, the share with a response",
        description:
          "Sends created in the period matching the filters (test sends left out; attribute.<key>=<value>: sends " +
          "to contacts with that attribute value), those of them with a response, rate = responded / sends (null " +
          "without sends) and its 95 % Wilson interval, as shares 0–1.",
        tag: "Reports",
        query: responseRateQuery,
        success: { status: 200, schema: responseRateSchema },
      }),
      async (c, { query }) => {
        ensure(canRead(c.var.actor), "read reports");
        return getResponseRate(deps.db, c.var.actor.workspaceId, query);
      },
    ),
  ]);
}
