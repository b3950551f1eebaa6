// The sparkline of each touchpoint × channel row. A report groups by two dimensions at most, so one
// query gives NPS per touchpoint × period; touchpoints answered on several channels get one more query
// each (channel × period at that touchpoint), so every row shows its own channel's trend.
import { useEffect, useState } from "react";
import { get } from "../../api/client.ts";
import type { ReportQuery } from "../../ui/filters.tsx";
import { periodsOf, seriesOf } from "./touchpoint-rows.ts";

export type Trends = Map<string, (number | null)[]>;

interface RowRef {
  key: string;
  touchpointId: string;
  channel: string;
}

export function useTrends(query: ReportQuery, grain: string, rows: RowRef[] | undefined): Trends | undefined {
  const [trends, setTrends] = useState<{ id: string; trends: Trends }>();
  const perTouchpoint = new Map<string, number>();
  for (const r of rows ?? []) perTouchpoint.set(r.touchpointId, (perTouchpoint.get(r.touchpointId) ?? 0) + 1);
  const multi = [...perTouchpoint].filter(([, count]) => count > 1).map(([id]) => id);
  const main: ReportQuery = { ...query, groupBy: `touchpoint,${grain}` };
  const perChannel = multi.map((id): ReportQuery => ({
    ...query,
    touchpoint: id,
    groupBy: `channel,${grain}`,
  }));
  const id = rows ? JSON.stringify([main, ...perChannel]) : "";
  useEffect(() => {
    if (!id || !rows) return;
    const abort = new AbortController();
    const nps = (query: ReportQuery) => get("/api/v1/reports/nps", { params: { query } }, abort.signal);
    void Promise.all([nps(main), ...perChannel.map(nps)]).then(
      ([all, ...byChannel]) => {
        const groups = all?.groups ?? [];
        const periods = periodsOf(groups, grain);
        const result: Trends = new Map();
        for (const r of rows) {
          const at = multi.indexOf(r.touchpointId);
          const channelGroups = at >= 0 ? (byChannel[at]?.groups ?? []) : undefined;
          result.set(
            r.key,
            channelGroups
              ? seriesOf(channelGroups, periods, grain, "channel", r.channel)
              : seriesOf(groups, periods, grain, "touchpoint", r.touchpointId),
          );
        }
        setTrends({ id, trends: result });
      },
      () => undefined,
    ); // a missing sparkline is not worth an error on the page
    return () => abort.abort();
    // `id` stands for every query asked, which is all the rows' trends depend on.
  }, [id]);
  return trends?.id === id ? trends.trends : undefined;
}
