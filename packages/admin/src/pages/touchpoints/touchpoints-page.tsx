// Touchpoints: NPS per touchpoint × channel as a sortable table with trends, or as the customer journey
// (?view=journey). Scores come from /api/v1/reports/nps, the touchpoints' details from /touchpoints.
import { useMemo } from "react";
import { useGet } from "../../api/hooks.ts";
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import { FilterBar, reportQuery, trendGrain, useFilters, type Filters } from "../../ui/filters.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { Empty, Loaded } from "../../ui/states.tsx";
import { useTouchpoints, type Touchpoint } from "../../workspace-data.ts";
import { JourneyView } from "./journey-view.tsx";
import { touchpointMessages } from "./messages.ts";
import { buildRows } from "./touchpoint-rows.ts";
import { TouchpointTable } from "./touchpoint-table.tsx";
import { useTrends } from "./use-trends.ts";
import "./touchpoints.css";

const FILTERS = ["survey", "channel", "team", "attribute"];

/** Whether a touchpoint with no responses belongs in the view under these filters. */
const matches = (f: Filters) => (tp: Touchpoint) =>
  (!f.team || tp.team === f.team) && (!f.channel || tp.channel === f.channel);

/** A view needs the report and the touchpoints: either may be the failure shown, so a retry reloads both. */
const retryBoth =
  (...loads: { reload: () => void }[]) =>
  () =>
    loads.forEach((l) => l.reload());

export default function TouchpointsPage() {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  const { search } = useLocation();
  const journey = search.get("view") === "journey";
  const f = useFilters();
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { from: formatDate(locale, f.from), to: formatDate(locale, f.to) })}
        actions={
          <div className="view-switch" role="group" aria-label={t("viewLabel")}>
            <button type="button" aria-pressed={!journey} onClick={() => setSearch({ view: null })}>
              {t("viewTable")}
            </button>
            <button type="button" aria-pressed={journey} onClick={() => setSearch({ view: "journey" })}>
              {t("viewJourney")}
            </button>
          </div>
        }
      />
      <FilterBar show={FILTERS} />
      {journey ? <Journey filters={f} /> : <Table filters={f} />}
    </>
  );
}

function Table({ filters: f }: { filters: Filters }) {
  const t = useT(touchpointMessages);
  const q = reportQuery(f);
  const report = useGet("/api/v1/reports/nps", {
    params: { query: { ...q, groupBy: "touchpoint,channel" } },
  });
  const touchpoints = useTouchpoints();
  const retry = retryBoth(report, touchpoints);
  const list = touchpoints.data?.data;
  const base = useMemo(
    () => (report.data && list ? buildRows(report.data, list, matches(f)) : undefined),
    // The filters reach the rows through the report and the team and channel `matches` reads.
    [report.data, list, f.team, f.channel],
  );
  // Weekly points for short periods, else monthly: a day-by-day sparkline is mostly noise.
  const grain = trendGrain(f.days) === "month" ? "month" : "week";
  const trends = useTrends(q, grain, base);
  const rows = useMemo(() => base?.map((r) => ({ ...r, trend: trends?.get(r.key) ?? [] })), [base, trends]);
  return (
    <Card>
      <Loaded data={rows} error={report.error ?? touchpoints.error} reload={retry}>
        {(r) => (r.length ? <TouchpointTable rows={r} /> : <Empty>{t("noRows")}</Empty>)}
      </Loaded>
    </Card>
  );
}

function Journey({ filters: f }: { filters: Filters }) {
  const t = useT(touchpointMessages);
  const report = useGet("/api/v1/reports/nps", {
    params: { query: reportQuery(f, { groupBy: "touchpoint" }) },
  });
  const touchpoints = useTouchpoints();
  const retry = retryBoth(report, touchpoints);
  const list = touchpoints.data?.data.filter(matches(f));
  return (
    <Card>
      <Loaded data={report.data && list} error={report.error ?? touchpoints.error} reload={retry}>
        {(tps) =>
          report.data && tps.length ? (
            <JourneyView report={report.data} touchpoints={tps} />
          ) : (
            <Empty>{t("noRows")}</Empty>
          )
        }
      </Loaded>
    </Card>
  );
}
