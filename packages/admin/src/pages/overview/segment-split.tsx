// Promoters, passives and detractors as one bar and three counts with their shares.
import { formatNumber, formatPercent } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import type { NpsReport } from "../../report-types.ts";
import { overviewMessages } from "./messages.ts";

export function SegmentSplit({ report }: { report: NpsReport }) {
  const t = useT(overviewMessages);
  const { locale } = useLocale();
  if (!report.n) return <p className="muted">{t("noData")}</p>;
  const parts = [
    { key: "promoters", tone: "good", count: report.promoters },
    { key: "passives", tone: "mid", count: report.passives },
    { key: "detractors", tone: "bad", count: report.detractors },
  ] as const;
  return (
    <div className="segment-split">
      <div className="split-bar" aria-hidden="true">
        {parts.map((p) => (
          <span
            key={p.key}
            className={`split-${p.tone}`}
            style={{ width: `${(100 * p.count) / report.n}%` }}
          />
        ))}
      </div>
      <ul className="split-legend">
        {parts.map((p) => (
          <li key={p.key}>
            <span className={`dot split-${p.tone}`} aria-hidden="true" />
            {t("splitLegend", {
              label: t(`segments.${p.key}`),
              count: formatNumber(locale, p.count),
              share: formatPercent(locale, p.count / report.n, 1),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
