// The shapes of /api/v1/reports/*, taken from the server's own types.
import type { Report, ReportGroup } from "../../server/src/domain/reports/report.ts";
import type { NpsSummary } from "../../server/src/domain/scores/nps.ts";
import type { CsatSummary } from "../../server/src/domain/scores/csat.ts";
import type { CesSummary } from "../../server/src/domain/scores/ces.ts";

export type { ReportGroup, NpsSummary, CsatSummary, CesSummary };
export type NpsReport = Report<NpsSummary>;
export type CsatReport = Report<CsatSummary>;
export type CesReport = Report<CesSummary>;
