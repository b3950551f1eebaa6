// Charts with ECharts, loaded on first use (so the first page paints before the library arrives), drawn
// in SVG so Japanese labels use the page's own fonts.
import { useEffect, useRef } from "react";
import type { EChartsCoreOption } from "echarts/core";

const FONT =
  '"Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", Meiryo, system-ui, sans-serif';

const load = () => import("./echarts-setup.ts");

export function Chart({
  option,
  height = 280,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void; setOption(o: EChartsCoreOption): void } | undefined;
    const resize = () => chart?.resize();
    void load().then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, null, { renderer: "svg" });
      chart.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
      window.addEventListener("resize", resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener("resize", resize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} />;
}
