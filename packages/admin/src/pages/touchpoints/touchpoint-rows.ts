// The touchpoints table as data: one row per touchpoint × channel from the report's groups, touchpoints
// without responses as empty rows (so a silent touchpoint is seen, not hidden), and the sort orders.
import { journeyStages, NO_TOUCHPOINT } from "@koe/server/shared";
import type { NpsReport, NpsSummary, ReportGroup } from "../../report-types.ts";
import type { Touchpoint } from "../../workspace-data.ts";

/** Below this many responses a score is shown as a rough one (the server's SMALL_N). */
export const SMALL_SAMPLE = 30;

/** The journey's stages in the order a customer meets them. */
export const stageOrder = journeyStages;

export interface TouchpointRow {
  key: string;
  touchpointId: string;
  /** Undefined for "no touchpoint" and for a touchpoint deleted since. */
  touchpoint: Touchpoint | undefined;
  name: string;
  channel: Touchpoint["channel"];
  summary: NpsSummary;
  trend: (number | null)[];
}

export const emptySummary: NpsSummary = {
  nps: null,
  n: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
  marginOfError: null,
  interval: null,
};

type Group = ReportGroup & NpsSummary;

export function buildRows(
  report: NpsReport,
  touchpoints: Touchpoint[],
  /** Only touchpoints that could have rows under the filters appear empty. */
  include: (tp: Touchpoint) => boolean,
): Omit<TouchpointRow, "trend">[] {
  const byId = new Map(touchpoints.map((tp) => [tp.id, tp]));
  const rows = (report.groups ?? []).map((g: Group): Omit<TouchpointRow, "trend"> => {
    const id = g.keys.touchpoint ?? NO_TOUCHPOINT;
    const tp = byId.get(id);
    return {
      key: g.key,
      touchpointId: id,
      touchpoint: tp,
      name: tp?.name ?? g.label ?? "",
      // The server groups by the channel column, whose values are the same enum.
      channel: (g.keys.channel ?? "other") as Touchpoint["channel"],
      summary: g,
    };
  });
  const seen = new Set(rows.map((r) => r.touchpointId));
  for (const tp of touchpoints) {
    if (seen.has(tp.id) || !include(tp)) continue;
    rows.push({
      key: `${tp.id}|${tp.channel}`,
      touchpointId: tp.id,
      touchpoint: tp,
      name: tp.name,
      channel: tp.channel,
      summary: emptySummary,
    });
  }
  return rows;
}

/** The periods of a trend report grouped by touchpoint (or channel) and period, in order. */
export function periodsOf(groups: Group[], grain: string): string[] {
  return [...new Set(groups.map((g) => g.keys[grain as "month"] ?? ""))].filter(Boolean).sort();
}

/** A period with fewer responses is left out of a sparkline: one answer on the period's last day would
 * otherwise end the line at −100 or +100. */
const MIN_POINT_N = 5;

/** NPS per period for the groups whose `dim` key is `value`; null where it had (almost) no responses. */
export function seriesOf(
  groups: Group[],
  periods: string[],
  grain: string,
  dim: "touchpoint" | "channel",
  value: string,
): (number | null)[] {
  const byPeriod = new Map(
    groups
      .filter((g) => g.keys[dim] === value)
      .map((g) => [g.keys[grain as "month"], g.n >= MIN_POINT_N ? g.nps : null]),
  );
  return periods.map((p) => byPeriod.get(p) ?? null);
}

export const sortKeys = ["name", "kind", "channel", "team", "stage", "nps", "n", "trend", "split"] as const;
export type SortKey = (typeof sortKeys)[number];

/** The value a row sorts on; null sorts last whichever the direction. */
export function sortValue(
  row: TouchpointRow,
  key: SortKey,
  label: (key: SortKey, row: TouchpointRow) => string,
): string | number | null {
  const s = row.summary;
  switch (key) {
    case "nps":
      return s.nps;
    case "n":
      return s.n;
    case "stage": {
      const stage = row.touchpoint?.journeyStage;
      return stage ? stageOrder.indexOf(stage) : null;
    }
    case "trend": {
      const points = row.trend.filter((v): v is number => v !== null);
      return points.length > 1 ? (points.at(-1) ?? 0) - (points[0] ?? 0) : null;
    }
    case "split":
      return s.n ? s.promoters / s.n : null;
    default:
      return label(key, row) || null;
  }
}

export function sortRows(
  rows: TouchpointRow[],
  key: SortKey,
  dir: "asc" | "desc",
  label: (key: SortKey, row: TouchpointRow) => string,
  collator: Intl.Collator,
): TouchpointRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const values = new Map(rows.map((r) => [r.key, sortValue(r, key, label)]));
  return [...rows].sort((a, b) => {
    const va = values.get(a.key) ?? null;
    const vb = values.get(b.key) ?? null;
    if (va === null || vb === null)
      return va === vb ? collator.compare(a.name, b.name) : va === null ? 1 : -1;
    const c =
      typeof va === "number" && typeof vb === "number" ? va - vb : collator.compare(String(va), String(vb));
    return c === 0 ? collator.compare(a.name, b.name) : sign * c;
  });
}
