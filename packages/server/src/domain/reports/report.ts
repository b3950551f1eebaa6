// Reports read the daily rollups only, never the raw responses.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";
import { cesFromCounts, type CesSummary } from "../scores/ces.ts";
import { csatFromCounts, type CsatSummary } from "../scores/csat.ts";
import { npsFromCounts, type NpsSummary } from "../scores/nps.ts";
import { segmentOf, segmentsOf, type SurveyKind } from "../scores/scales.ts";
import { NO_TOUCHPOINT } from "../responses/rollups.ts";
import type { GroupDimension, ReportQuery } from "./report-query.ts";

type Summary = NpsSummary | CsatSummary | CesSummary;

export interface ReportGroup {
  key: string;
  keys: Partial<Record<GroupDimension, string>>;
  label?: string;
}

export type Report<S extends Summary = Summary> = S & {
  kind: SurveyKind;
  from: string | null;
  to: string | null;
  groups?: (ReportGroup & S)[];
};

const summarise: Record<SurveyKind, (hist: number[]) => Summary> = {
  nps: npsFromCounts,
  csat: csatFromCounts,
  ces: cesFromCounts,
};

// SQL expression for each dimension that the database groups by (segment is split from the counts).
const dimensionSql: Record<Exclude<GroupDimension, "segment">, RawBuilder<string>> = {
  day: sql`to_char(day, 'YYYY-MM-DD')`,
  week: sql`to_char(date_trunc('week', day), 'YYYY-MM-DD')`,
  month: sql`to_char(day, 'YYYY-MM')`,
  touchpoint: sql`touchpoint_id::text`,
  channel: sql`channel`,
  survey: sql`survey_id::text`,
};

const countColumns = sql.raw(Array.from({ length: 11 }, (_, s) => `sum(c${s})::int as c${s}`).join(", "));

interface Bucket {
  keys: string[];
  hist: number[];
}

async function readBuckets(db: Db, ws: string, kind: SurveyKind, q: ReportQuery, dims: GroupDimension[]) {
  const sqlDims = dims.filter((d): d is Exclude<GroupDimension, "segment"> => d !== "segment");
  const keyCols = sqlDims.map((d, i) => sql`${dimensionSql[d]} as ${sql.ref(`k${i}`)}`);
  const filters = [sql`workspace_id = ${ws}`, sql`survey_kind = ${kind}`];
  if (q.from) filters.push(sql`day >= ${q.from}::date`);
  if (q.to) filters.push(sql`day <= ${q.to}::date`);
  if (q.surveyId) filters.push(sql`survey_id = ${q.surveyId}`);
  if (q.touchpoint) filters.push(sql`touchpoint_id = ${q.touchpoint}`);
  if (q.channel) filters.push(sql`channel = ${q.channel}`);
  const groupBy = sqlDims.length
    ? sql`group by ${sql.join(sqlDims.map((_, i) => sql.raw(String(i + 1))))}`
    : sql``;
  const orderBy = sqlDims.length
    ? sql`order by ${sql.join(sqlDims.map((_, i) => sql.raw(String(i + 1))))}`
    : sql``;
  const { rows } = await sql<Record<string, string | number>>`
    select ${sql.join([...keyCols, countColumns])}
    from response_rollups where ${sql.join(filters, sql` and `)} ${groupBy} ${orderBy}`.execute(db);
  return rows.map((r) => ({
    sqlKeys: sqlDims.map((_, i) => String(r[`k${i}`])),
    hist: Array.from({ length: 11 }, (_, s) => Number(r[`c${s}`] ?? 0)),
  }));
}

/** Splits a histogram by segment: each segment keeps only its own scores. */
function splitBySegment(kind: SurveyKind, hist: number[]): { segment: string; hist: number[] }[] {
  return segmentsOf(kind).map((segment) => ({
    segment,
    hist: hist.map((count, score) => (count > 0 && segmentOf(kind, score) === segment ? count : 0)),
  }));
}

async function touchpointNames(db: Db, ws: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("touchpoints")
    .select(["id", "name"])
    .where("workspace_id", "=", ws)
    .execute();
  return new Map([[NO_TOUCHPOINT, "(none)"], ...rows.map((r) => [r.id, r.name] as [string, string])]);
}

export async function getReport(db: Db, ws: string, kind: SurveyKind, q: ReportQuery): Promise<Report> {
  const dims = q.groupBy ?? [];
  const total = await readBuckets(db, ws, kind, q, []);
  const head = { kind, from: q.from ?? null, to: q.to ?? null };
  const overall = { ...summarise[kind](total[0]?.hist ?? Array(11).fill(0)), ...head };
  if (dims.length === 0) return overall;

  const rows = await readBuckets(db, ws, kind, q, dims);
  const buckets: Bucket[] = [];
  const segmentAt = dims.indexOf("segment");
  for (const row of rows) {
    if (segmentAt < 0) {
      buckets.push({ keys: row.sqlKeys, hist: row.hist });
      continue;
    }
    for (const part of splitBySegment(kind, row.hist)) {
      const keys = [...row.sqlKeys];
      keys.splice(segmentAt, 0, part.segment);
      buckets.push({ keys, hist: part.hist });
    }
  }
  const names = dims.includes("touchpoint") ? await touchpointNames(db, ws) : undefined;
  const tpAt = dims.indexOf("touchpoint");
  const groups = buckets.map((b) => {
    const keys = Object.fromEntries(dims.map((d, i) => [d, b.keys[i] as string]));
    const label = tpAt >= 0 ? names?.get(b.keys[tpAt] as string) : undefined;
    return { key: b.keys.join("|"), keys, ...(label ? { label } : {}), ...summarise[kind](b.hist) };
  });
  return { ...overall, groups };
}
