// Reports read the daily rollups; only a contact-attribute filter reads the responses (report-source.ts).
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/open.ts";
import { cesFromCounts, type CesSummary } from "../scores/ces.ts";
import { csatFromCounts, type CsatSummary } from "../scores/csat.ts";
import { npsFromCounts, type NpsSummary } from "../scores/nps.ts";
import { npsChange, type Change } from "../scores/stats.ts";
import { segmentOf, segmentsOf, type SurveyKind } from "../scores/scales.ts";
import { NO_TOUCHPOINT } from "../rollups/rollups.ts";
import type { GroupDimension, ReportQuery } from "./report-query.ts";
import { reportSource } from "./report-source.ts";

type Summary = NpsSummary | CsatSummary | CesSummary;
/** Each kind's figures. */
interface SummaryOf {
  nps: NpsSummary;
  csat: CsatSummary;
  ces: CesSummary;
}

export interface ReportGroup {
  key: string;
  keys: Partial<Record<GroupDimension, string>>;
  label?: string;
}

export type Report<S extends Summary = Summary, K extends SurveyKind = SurveyKind> = S & {
  kind: K;
  from: string | null;
  to: string | null;
  groups?: (ReportGroup & S)[];
  /** With `compare=previous`: the period of the same length just before, and (NPS) whether it changed. */
  previous?: S & { kind: K; from: string; to: string };
  change?: Change | null;
};

/** A kind's report, as the API answers it (report-schema.ts). */
export type ReportOf<K extends SurveyKind> = Report<SummaryOf[K], K>;

const summarise: { [K in SurveyKind]: (hist: number[]) => SummaryOf[K] } = {
  nps: npsFromCounts,
  csat: csatFromCounts,
  ces: cesFromCounts,
};

// Each dimension is grouped on a cheap expression and formatted once per group, not once per rollup row
// (segment is split from the counts instead).
const dimensionSql: Record<
  Exclude<GroupDimension, "segment">,
  { group: RawBuilder<unknown>; format: string }
> = {
  day: { group: sql`day`, format: "to_char(%, 'YYYY-MM-DD')" },
  week: { group: sql`date_trunc('week', day::timestamp)`, format: "to_char(%, 'YYYY-MM-DD')" },
  month: { group: sql`date_trunc('month', day::timestamp)`, format: "to_char(%, 'YYYY-MM')" },
  touchpoint: { group: sql`touchpoint_id`, format: "%::text" },
  channel: { group: sql`channel`, format: "%" },
  survey: { group: sql`survey_id`, format: "%::text" },
};

interface Bucket {
  keys: string[];
  hist: number[];
}

async function readBuckets(db: Db, ws: string, kind: SurveyKind, q: ReportQuery, dims: GroupDimension[]) {
  const sqlDims = dims.filter((d): d is Exclude<GroupDimension, "segment"> => d !== "segment");
  const keyCols = sqlDims.map((d, i) => sql`${dimensionSql[d].group} as ${sql.ref(`g${i}`)}`);
  const formatted = sqlDims.map((d, i) =>
    sql.raw(`${dimensionSql[d].format.replace("%", `g${i}`)} as k${i}`),
  );
  const source = await reportSource(db, ws, kind, q);
  const where = source.where.length ? sql`where ${sql.join(source.where, sql` and `)}` : sql``;
  const groupBy = sqlDims.length
    ? sql`group by ${sql.join(sqlDims.map((_, i) => sql.raw(String(i + 1))))}`
    : sql``;
  const orderBy = sqlDims.length
    ? sql`order by ${sql.join(sqlDims.map((_, i) => sql.raw(String(i + 1))))}`
    : sql``;
  const { rows } = await sql<Record<string, string | number>>`
    select ${sql.join([...formatted, sql.raw(Array.from({ length: 11 }, (_, s) => `c${s}`).join(", "))])}
    from (select ${sql.join([...keyCols, source.counts])}
          from ${source.from} ${where} ${groupBy}) grouped ${orderBy}`.execute(db);
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

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function getReport<K extends SurveyKind>(
  db: Db,
  ws: string,
  kind: K,
  q: ReportQuery,
): Promise<ReportOf<K>> {
  const report = await getPeriodReport(db, ws, kind, q);
  if (q.compare !== "previous" || !q.from || !q.to) return report;
  const from = Date.parse(q.from);
  const days = Math.round((Date.parse(q.to) - from) / DAY) + 1;
  const before = { from: isoDay(from - days * DAY), to: isoDay(from - DAY) };
  // Without groupBy: the previous period's overall figures only.
  const previous = await getPeriodReport(db, ws, kind, { ...q, ...before, groupBy: undefined });
  return { ...report, previous: { ...previous, ...before }, change: npsChangeOf(previous, report) };
}

/** The NPS change between two periods; null for CSAT and CES. */
const npsChangeOf = (before: Summary, after: Summary): Change | null =>
  "promoters" in before && "promoters" in after ? npsChange(before, after) : null;

async function getPeriodReport<K extends SurveyKind>(
  db: Db,
  ws: string,
  kind: K,
  q: ReportQuery,
): Promise<ReportOf<K>> {
  const dims = q.groupBy ?? [];
  const rows = await readBuckets(db, ws, kind, q, dims);
  // The overall figures are the sum of the groups: one statement per report.
  const total = Array<number>(11).fill(0);
  for (const row of rows) row.hist.forEach((count, score) => (total[score] = (total[score] ?? 0) + count));
  const overall = { ...summarise[kind](total), kind, from: q.from ?? null, to: q.to ?? null };
  if (dims.length === 0) return overall;

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
