// The sparkline of each touchpoint × channel row. A report groups by two dimensions at most, so one
// query gives NPS per touchpoint × period; touchpoints answered on several channels get one more query
// each (channel × period at that touchpoint), so every row shows its own channel's trend.
import { useEffect, useState } from "react";
import { api, withQuery, type Query } from "../../api.ts";
import type { NpsReport } from "../../report-types.ts";
import { periodsOf, seriesOf } from "./touchpoint-rows.ts";

export type Trends = Map<string, (number | null)[]>;

interface RowRef {
  key: string;
  touchpointId: string;
  channel: string;
}

export function useTrends(query: Query, grain: string, rows: RowRef[] | undefined): Trends | undefined {
  const [trends, setTrends] = useState<{ id: string; trends: Trends }>();
  const perTouchpoint = new Map<string, number>();
  for (const r of rows ?? []) perTouchpoint.set(r.touchpointId, (perTouchpoint.get(r.touchpointId) ?? 0) + 1);
  const multi = [...perTouchpoint].filter(([, count]) => count > 1).map(([id]) => id);
  const main = withQuery("/reports/nps", { ...query, groupBy: `touchpoint,${grain}` });
  const paths = multi.map((id) =>
    withQuery("/reports/nps", { ...query, touchpoint: id, groupBy: `channel,${grain}` }),
  );
  const id = rows ? [main, ...paths].join("\n") : "";
  useEffect(() => {
    if (!id || !rows) return;
    const abort = new AbortController();
    const get = (path: string) => api<NpsReport>(path, { signal: abort.signal });
    void Promise.all([get(main), ...paths.map(get)]).then(
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
    // `id` stands for every path asked, which is all the rows' trends depend on.
  }, [id]);
  return trends?.id === id ? trends.trends : undefined;
}
