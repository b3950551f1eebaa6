import { Hono } from "hono";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import { getReport } from "../../domain/reports/report.ts";
import { reportQuery, reportQueryDoc } from "../../domain/reports/report-query.ts";
import {
  getResponseRate,
  responseRateQuery,
  responseRateQueryDoc,
} from "../../domain/reports/response-rate.ts";
import { surveyKinds } from "../../domain/scores/scales.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { query } from "../validate.ts";

const described = {
  nps: "NPS (−100…+100) with n, promoters/passives/detractors, 95 % margin of error and interval",
  csat: "CSAT (share of 4s and 5s, %) with n, margin of error and interval",
  ces: "CES (mean 1–7) with the share agreeing (≥ 5), n, margin of error and interval",
};

const filters =
  "Filters: from/to (days in the workspace's time zone), surveyId, touchpoint, channel, team (touchpoints of that " +
  "team), all answered from the daily rollups. attribute.<key>=<value> (up to 5) keeps contacts whose attribute " +
  "has that value (as text). One attribute with few values (at most 100 across the workspace's contacts; up to 20 " +
  "such attributes per workspace) is answered from daily rollups per attribute value, kept current by a background " +
  "job, with the days changed since its last run read from the responses; any other attribute filter is computed " +
  "from the responses joined to their contacts (give from/to on large workspaces). Either way the groups, the " +
  "result shape and the figures are those of the responses. compare=previous works with every filter.";

export function reportRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const routes = new Hono<AppEnv>();
  for (const kind of surveyKinds) {
    routes.get(`/${kind}`, async (c) => {
      ensure(canRead(c.var.actor), "read reports");
      return c.json(await getReport(deps.db, c.var.actor.workspaceId, kind, query(c, reportQuery)));
    });
  }
  routes.get("/response-rate", async (c) => {
    ensure(canRead(c.var.actor), "read reports");
    return c.json(await getResponseRate(deps.db, c.var.actor.workspaceId, query(c, responseRateQuery)));
  });
  const docs = surveyKinds.map((kind): RouteDoc => ({
    method: "get",
    path: `/api/v1/reports/${kind}`,
    summary: `${described[kind]}; groupBy=day|week|month|touchpoint|channel|segment|survey (one or two, comma-separated) adds groups. ${filters}`,
    tag: "Reports",
    query: reportQueryDoc,
    success: 200,
  }));
  docs.push({
    method: "get",
    path: "/api/v1/reports/response-rate",
    summary:
      "Response rate: { sends, responded, rate, interval } — sends created in the period matching the filters " +
      "(test sends left out; attribute.<key>=<value>: sends to contacts with that attribute value), those of " +
      "them with a response, rate = responded / sends (null without sends) and its 95 % Wilson interval, as " +
      "shares 0–1",
    tag: "Reports",
    query: responseRateQueryDoc,
    success: 200,
  });
  return { routes, docs };
}
