// GET /api/v1/benchmarks: published NPS benchmarks per country, with the caveat they must be read with.
import { canRead } from "../../domain/auth/permissions.ts";
import { benchmarkListSchema, benchmarksFor, benchmarksQuery } from "../../domain/benchmarks/benchmarks.ts";
import { t } from "../../i18n/messages.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";

const path = "/api/v1/benchmarks";

export function benchmarkRoutes() {
  return contractRoutes(path, [
    route(
      operation({
        operationId: "listBenchmarks",
        method: "get",
        path,
        summary: "Published NPS benchmarks per country and industry, with their sources",
        description:
          "Per country (country=JP|US|GB|DE…) and industry, each with nps, year, source, url and the quoted " +
          "excerpt, and the caveat to show with them in Japanese and English: context, not a target.",
        tag: "Benchmarks",
        query: benchmarksQuery,
        access: { allowed: canRead, to: "read benchmarks" },
        success: { status: 200, schema: benchmarkListSchema },
      }),
      (c, { query }) => {
        return {
          data: benchmarksFor(query.country),
          caveat: { ja: t("ja", "benchmarks.caveat"), en: t("en", "benchmarks.caveat") },
        };
      },
    ),
  ]);
}
