// Industries as horizontal bars, highest at the top, on one −100…+100 axis for every country (so Japan's
// lower scores show as such), with the workspace's NPS as a line and its 95 % interval as dashed lines.
import type { EChartsCoreOption } from "echarts/core";
import { signed } from "../../i18n/format.ts";
import type { NpsSummary } from "../../report-types.ts";

export interface Bar {
  label: string;
  nps: number;
}

export function benchmarkOption(
  bars: Bar[],
  ours: NpsSummary | undefined,
  oursLabel: string,
): EChartsCoreOption {
  // ECharts draws the first category at the bottom.
  const rows = [...bars].sort((a, b) => a.nps - b.nps);
  const ourLines =
    ours && ours.nps !== null
      ? [
          {
            xAxis: ours.nps,
            lineStyle: { color: "#183a6a", width: 2.5, type: "solid" },
            label: { show: true, position: "end", formatter: oursLabel, color: "#183a6a", fontWeight: 700 },
          },
          ...(ours.interval ?? []).map((v) => ({
            xAxis: v,
            lineStyle: { color: "#234e8c", width: 1, type: "dashed", opacity: 0.7 },
            label: { show: false },
          })),
        ]
      : [];
  return {
    grid: { left: 8, right: 48, top: 28, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const row = rows[p.dataIndex];
        return row ? `${row.label}<br/><b>NPS ${signed(row.nps, 1)}</b>` : "";
      },
    },
    xAxis: {
      type: "value",
      min: -100,
      max: 100,
      interval: 25,
      axisLabel: { formatter: (v: number) => signed(v) },
      splitLine: { lineStyle: { color: "#e6eaf0" } },
    },
    yAxis: {
      type: "category",
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLabel: { width: 230, overflow: "truncate", color: "#3d4857" },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 16,
        // One quiet colour: the figures are context, the workspace's line is what the eye should find.
        // Labels sit right of each bar, so a negative bar's label lines up just right of zero, clear of
        // the workspace's line.
        data: rows.map((r) => r.nps),
        itemStyle: { color: "#9fb0c6", borderRadius: 2 },
        label: {
          show: true,
          position: "right",
          formatter: (p: { value: number }) => signed(p.value, 1),
          color: "#3d4857",
          fontSize: 11,
        },
        markLine: { silent: true, symbol: "none", data: ourLines },
      },
    ],
  };
}
