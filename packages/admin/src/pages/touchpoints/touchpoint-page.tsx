// One touchpoint: what it is, its NPS now with interval and n, the change against the period before,
// the trend with its interval band, the split by channel and its latest comments; admins edit and archive it.
import { useMemo } from "react";
import { useGet } from "../../api/hooks.ts";
import { ApiError } from "../../api/client.ts";
import type { NpsReport } from "../../report-types.ts";
import { useRecordTitle } from "../../record-title.tsx";
import { formatDate, formatNumber, signed } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import type { PageProps } from "../../routes.ts";
import { ChangeTile } from "../../ui/change-tile.tsx";
import { Chart } from "../../ui/chart.tsx";
import { FilterBar, reportQuery, trendGrain, useFilters } from "../../ui/filters.tsx";
import { Card, PageHeader, Tile } from "../../ui/layout-parts.tsx";
import { IntervalLine, NpsFigure } from "../../ui/score.tsx";
import { Empty, Loaded } from "../../ui/states.tsx";
import type { Touchpoint } from "../../workspace-data.ts";
import { trendOption } from "../overview/trend-option.ts";
import { LatestComments } from "./latest-comments.tsx";
import { ArchivedNote, TouchpointActions } from "./touchpoint-actions.tsx";
import { touchpointMessages } from "./messages.ts";
import { SplitBar } from "./split-bar.tsx";
import { ChannelTable } from "./channel-table.tsx";
import { SMALL_SAMPLE } from "./touchpoint-rows.ts";
import "./touchpoints.css";
import "./touchpoint.css";

// The touchpoint is fixed by the page, and its team with it.
const FILTERS = ["survey", "channel", "attribute"];

export default function TouchpointPage({ params }: PageProps) {
  const t = useT(touchpointMessages);
  const id = params.id ?? "";
  const tp = useGet("/api/v1/touchpoints/{id}", { params: { path: { id } } });
  useRecordTitle(tp.data?.name);
  if (tp.error instanceof ApiError && (tp.error.status === 404 || tp.error.status === 422)) {
    return (
      <>
        <BackLink />
        <Empty>{t("notFound")}</Empty>
      </>
    );
  }
  return (
    <Loaded {...tp}>
      {(touchpoint) => <Detail touchpoint={touchpoint} onChanged={() => tp.reload()} />}
    </Loaded>
  );
}

function BackLink() {
  const t = useT(touchpointMessages);
  return (
    <Link to="/touchpoints" className="tp-back">
      ← {t("back")}
    </Link>
  );
}

function Detail({ touchpoint: tp, onChanged }: { touchpoint: Touchpoint; onChanged: () => void }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  const f = useFilters();
  const { team: _team, touchpoint: _touchpoint, ...filters } = f;
  const q = reportQuery(filters, { touchpoint: tp.id });
  const grain = trendGrain(f.days);
  const nps = useGet("/api/v1/reports/nps", { params: { query: { ...q, compare: "previous" } } });
  const trend = useGet("/api/v1/reports/nps", { params: { query: { ...q, groupBy: grain } } });
  const channels = useGet("/api/v1/reports/nps", { params: { query: { ...q, groupBy: "channel" } } });
  // The same filters over every touchpoint, as the reference row under the channels.
  const everywhere = useGet("/api/v1/reports/nps", { params: { query: reportQuery(filters) } });
  const option = useMemo(
    () => (trend.data ? trendOption(trend.data, grain, locale, t) : undefined),
    [trend.data, grain, locale, t],
  );
  // Each fact says what it is on hover: kind and stage can both read "Support".
  const facts = [
    { what: t("colKind"), text: t(`tpKind.${tp.kind}`) },
    { what: t("colChannel"), text: t(`channel.${tp.channel}`) },
    { what: t("colTeam"), text: tp.team },
    { what: t("colStage"), text: tp.journeyStage ? t(`stage.${tp.journeyStage}`) : null },
  ].filter((f) => f.text);
  return (
    <>
      <BackLink />
      <PageHeader
        title={tp.name}
        subtitle={
          <>
            <span className="tp-facts">
              {facts.map((fact) => (
                <span key={fact.what} className="badge badge-quiet" title={fact.what}>
                  <span className="tp-fact-what">{fact.what}</span> {fact.text}
                </span>
              ))}
            </span>
            {t("detailSubtitle", { from: formatDate(locale, f.from), to: formatDate(locale, f.to) })}
          </>
        }
        actions={<TouchpointActions touchpoint={tp} onChanged={onChanged} />}
      />
      <ArchivedNote touchpoint={tp} />
      <FilterBar show={FILTERS} />
      <div className="grid tp-tiles">
        <Loaded {...nps}>
          {(r) => (
            <>
              <Tile
                label={t("npsNow")}
                value={<NpsFigure nps={r.nps} summary={r} large />}
                hint={
                  <>
                    <IntervalLine summary={r} format={(v) => signed(v, 1)} />
                    {r.n > 0 && r.n < SMALL_SAMPLE && (
                      <span className="badge badge-mid tp-small-note">{t("stat.smallSample")}</span>
                    )}
                  </>
                }
                tone="primary"
              />
              <ChangeTile report={r} days={f.days} />
              <Tile
                label={t("split")}
                value={r.n ? <SplitBar summary={r} wide /> : "—"}
                hint={r.n ? <SplitCounts report={r} /> : t("stat.noData")}
              />
            </>
          )}
        </Loaded>
      </div>
      <div className="grid tp-main">
        <Card title={t("trend")}>
          <Loaded {...trend}>
            {(r) =>
              r.n && option ? (
                <Chart option={option} label={t("trendChartLabel")} height={280} />
              ) : (
                <p className="muted">{t("noData")}</p>
              )
            }
          </Loaded>
        </Card>
        <Card title={t("byChannel")}>
          <Loaded {...channels}>{(r) => <ChannelTable report={r} reference={everywhere.data} />}</Loaded>
        </Card>
      </div>
      <LatestComments touchpointId={tp.id} filters={filters} />
    </>
  );
}

function SplitCounts({ report: r }: { report: NpsReport }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  return (
    <span className="tp-split-counts">
      <span className="segment segment-good">
        {t("segments.promoters")} {formatNumber(locale, r.promoters)}
      </span>
      <span className="segment segment-mid">
        {t("segments.passives")} {formatNumber(locale, r.passives)}
      </span>
      <span className="segment segment-bad">
        {t("segments.detractors")} {formatNumber(locale, r.detractors)}
      </span>
    </span>
  );
}
