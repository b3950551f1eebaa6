// GET /api/v1/benchmarks: published NPS benchmarks per country, with the caveat they must be read with.
import { Hono } from "hono";
import { canRead, ensure } from "../../domain/auth/permissions.ts";
import { benchmarksFor, benchmarksQuery } from "../../domain/benchmarks/benchmarks.ts";
import { t } from "../../i18n/messages.ts";
import type { AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { query } from "../validate.ts";

export function benchmarkRoutes(): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const routes = new Hono<AppEnv>().get("/", (c) => {
    ensure(canRead(c.var.actor), "read benchmarks");
    const { country } = query(c, benchmarksQuery);
    return c.json({
      data: benchmarksFor(country),
      caveat: { ja: t("ja", "benchmarks.caveat"), en: t("en", "benchmarks.caveat") },
    });
  });
  const docs: RouteDoc[] = [
    {
      method: "get",
      path: "/api/v1/benchmarks",
      summary:
        "Published NPS benchmarks ({ data, caveat: { ja, en } }): per country (country=JP|US|GB|DE…) and industry, " +
        "each with nps, year, source, url and the quoted excerpt; context, not a target",
      tag: "Reports",
      query: benchmarksQuery,
      success: 200,
    },
  ];
  return { routes, docs };
}
