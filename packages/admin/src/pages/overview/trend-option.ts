// The trend chart: NPS per day, week or month as a line, its 95 % interval as a shaded band (a transparent
// lower bound with the band's height stacked on it), and a zero line.
import type { EChartsCoreOption } from "echarts/core";
import type { Locale } from "../../i18n/define.ts";
import { formatDate, formatMonth, formatNumber, signed } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.tsx";
import type { NpsReport } from "../../report-types.ts";

const MIN_N = 5;

export function periodLabel(locale: Locale, grain: string, key: string): string {
  return grain === "month" ? formatMonth(locale, key) : formatDate(locale, key);
}

export function trendOption(
  report: NpsReport,
  grain: string,
  locale: Locale,
  t: Translate<"trendBand">,
): EChartsCoreOption {
  const groups = report.groups ?? [];
  const labels = groups.map((g) => periodLabel(locale, grain, g.key));
  // A period with a handful of answers (the first day of a month) would swing to ±100: left as a gap.
  const shown = (g: (typeof groups)[number]) => g.n >= MIN_N;
  const lo = groups.map((g) => (shown(g) ? (g.interval?.[0] ?? null) : null));
  const band = groups.map((g) => (shown(g) && g.interval ? g.interval[1] - g.interval[0] : null));
  const nps = groups.map((g) => (shown(g) ? g.nps : null));
  return {
    grid: { left: 44, right: 16, top: 16, bottom: 40 },
    tooltip: {
      trigger: "axis",
      formatter: (items: { dataIndex: number }[]) => {
        const g = groups[items[0]?.dataIndex ?? 0];
        if (!g || g.nps === null) return "";
        const interval = g.interval ? ` [${signed(g.interval[0], 1)}, ${signed(g.interval[1], 1)}]` : "";
        const n = t("stat.n", { n: formatNumber(locale, g.n) });
        return `${labels[items[0]?.dataIndex ?? 0]}<br/><b>NPS ${signed(g.nps, 1)}</b>${interval}<br/>${n}`;
      },
    },
    xAxis: { type: "category", data: labels, boundaryGap: false, axisLabel: { hideOverlap: true } },
    yAxis: {
      type: "value",
      min: -100,
      max: 100,
      interval: 50,
      axisLabel: { formatter: (v: number) => signed(v) },
    },
    series: [
      {
        name: "lo",
        type: "line",
        data: lo,
        stack: "band",
        stackStrategy: "all",
        lineStyle: { opacity: 0 },
        symbol: "none",
        silent: true,
      },
      {
        name: t("trendBand"),
        type: "line",
        data: band,
        stack: "band",
        stackStrategy: "all",
        lineStyle: { opacity: 0 },
        symbol: "none",
        areaStyle: { color: "rgba(35, 78, 140, 0.14)" },
        silent: true,
      },
      {
        name: "NPS",
        type: "line",
        data: nps,
        symbolSize: 5,
        lineStyle: { width: 2.2, color: "#234e8c" },
        itemStyle: { color: "#234e8c" },
        connectNulls: false,
        markLine: {
          silent: true,
          symbol: "none",
          data: [{ yAxis: 0 }],
          lineStyle: { color: "#9aa6b5", type: "dashed" },
          label: { show: false },
        },
      },
    ],
  };
}
