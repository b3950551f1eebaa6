// Overview: NPS now with its interval, the change against the period before, response rate, CSAT and CES,
// the trend with its interval band and the segment split. Every figure comes from /api/v1/reports/*.
// A new workspace sees its first-run checklist above them (setup-checklist.tsx).
import { useMemo } from "react";
import { useGet } from "../../api/hooks.ts";
import { formatDate, formatNumber, formatPercent, signed } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { ChangeTile } from "../../ui/change-tile.tsx";
import { Chart } from "../../ui/chart.tsx";
import { FilterBar, reportQuery, trendGrain, useFilters } from "../../ui/filters.tsx";
import { Card, PageHeader, Tile } from "../../ui/layout-parts.tsx";
import { IntervalLine, NpsFigure } from "../../ui/score.tsx";
import { Loaded } from "../../ui/states.tsx";
import { overviewMessages } from "./messages.ts";
import { SegmentSplit } from "./segment-split.tsx";
import { SetupChecklist } from "./setup-checklist.tsx";
import { trendOption } from "./trend-option.ts";

export default function OverviewPage() {
  const t = useT(overviewMessages);
  const { locale } = useLocale();
  const f = useFilters();
  const q = reportQuery(f);
  const grain = trendGrain(f.days);
  const nps = useGet("/api/v1/reports/nps", { params: { query: { ...q, compare: "previous" } } });
  const trend = useGet("/api/v1/reports/nps", { params: { query: { ...q, groupBy: grain } } });
  const csat = useGet("/api/v1/reports/csat", { params: { query: q } });
  const ces = useGet("/api/v1/reports/ces", { params: { query: q } });
  const rate = useGet("/api/v1/reports/response-rate", { params: { query: q } });
  const option = useMemo(
    () => (trend.data ? trendOption(trend.data, grain, locale, t) : undefined),
    [trend.data, grain, locale, t],
  );
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { from: formatDate(locale, f.from), to: formatDate(locale, f.to) })}
      />
      <SetupChecklist />
      <FilterBar />
      <div className="grid grid-4 overview-tiles">
        <Loaded {...nps}>
          {(r) => (
            <>
              <Tile
                label={t("npsNow")}
                value={<NpsFigure nps={r.nps} summary={r} large />}
                hint={<IntervalLine summary={r} format={(v) => signed(v, 1)} />}
                tone="primary"
              />
              <ChangeTile report={r} days={f.days} />
            </>
          )}
        </Loaded>
        <Loaded {...rate}>
          {(r) => (
            <Tile
              label={t("responseRate")}
              value={r.rate === null ? "—" : formatPercent(locale, r.rate, 1)}
              hint={
                r.sends
                  ? t("responseRateHint", {
                      responded: formatNumber(locale, r.responded),
                      sends: formatNumber(locale, r.sends),
                    })
                  : t("responseRateNone")
              }
            />
          )}
        </Loaded>
        <div className="tile-pair">
          <Loaded {...csat}>
            {(r) => (
              <Tile
                label={t("csat")}
                value={r.csat === null ? "—" : `${formatNumber(locale, r.csat, 1)}%`}
                hint={r.n ? <IntervalLine summary={r} format={(v) => `${v.toFixed(1)}%`} /> : t("csatHint")}
              />
            )}
          </Loaded>
          <Loaded {...ces}>
            {(r) => (
              <Tile
                label={t("ces")}
                value={r.ces === null ? "—" : formatNumber(locale, r.ces, 2)}
                hint={
                  r.n
                    ? t("cesHint", { share: r.agreeShare === null ? "—" : `${r.agreeShare.toFixed(0)}%` })
                    : t("stat.noData")
                }
              />
            )}
          </Loaded>
        </div>
      </div>
      <div className="grid overview-main">
        <Card title={t("trend")}>
          <Loaded {...trend}>
            {(r) =>
              r.n && option ? (
                <Chart option={option} label={t("trendLabel")} height={300} />
              ) : (
                <p className="muted">{t("noData")}</p>
              )
            }
          </Loaded>
        </Card>
        <Card title={t("split")}>
          <Loaded {...nps}>{(r) => <SegmentSplit report={r} />}</Loaded>
        </Card>
      </div>
    </>
  );
}
