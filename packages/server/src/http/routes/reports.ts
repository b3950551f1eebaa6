import { Hono } from "hono";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import { getReport } from "../../domain/reports/report.ts";
import { reportQuery } from "../../domain/reports/report-query.ts";
import { surveyKinds } from "../../domain/scores/scales.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { query } from "../validate.ts";

const described = {
  nps: "NPS (−100…+100) with n, promoters/passives/detractors, 95 % margin of error and interval",
  csat: "CSAT (share of 4s and 5s, %) with n, margin of error and interval",
  ces: "CES (mean 1–7) with the share agreeing (≥ 5), n, margin of error and interval",
};

export function reportRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const routes = new Hono<AppEnv>();
  for (const kind of surveyKinds) {
    routes.get(`/${kind}`, async (c) => {
      ensure(canRead(c.var.actor), "read reports");
      return c.json(await getReport(deps.db, c.var.actor.workspaceId, kind, query(c, reportQuery)));
    });
  }
  const docs = surveyKinds.map((kind): RouteDoc => ({
    method: "get",
    path: `/api/v1/reports/${kind}`,
    summary: `${described[kind]}; groupBy=day|week|month|touchpoint|channel|segment|survey (one or two, comma-separated) adds groups`,
    tag: "Reports",
    query: reportQuery,
    success: 200,
  }));
  return { routes, docs };
}
