// Touchpoints: NPS per touchpoint × channel as a sortable table with trends, or as the customer journey
// (?view=journey). Scores come from /api/v1/reports/nps, the touchpoints' details from /touchpoints.
// Archived touchpoints are left out unless asked for (?archived=1); admins create touchpoints here.
import { useMemo } from "react";
import { useGet, type Loaded as Load } from "../../api/hooks.ts";
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import { FilterBar, reportQuery, trendGrain, useFilters, type Filters } from "../../ui/filters.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { Empty, Loaded } from "../../ui/states.tsx";
import { useSignedIn } from "../../session.tsx";
import type { Page } from "../../api/types.ts";
import { useTouchpoints, type Touchpoint } from "../../workspace-data.ts";
import { NewTouchpointButton } from "./touchpoint-actions.tsx";
import { canEditTouchpoints } from "./touchpoint-dialog.tsx";
import { JourneyView } from "./journey-view.tsx";
import { touchpointMessages } from "./messages.ts";
import { buildRows } from "./touchpoint-rows.ts";
import { TouchpointTable } from "./touchpoint-table.tsx";
import { useTrends } from "./use-trends.ts";
import "./touchpoints.css";

const FILTERS = ["survey", "channel", "team", "attribute"];

/** Whether a touchpoint with no responses belongs in the view under these filters. */
const matches = (f: Filters, archived: boolean) => (tp: Touchpoint) =>
  (!f.team || tp.team === f.team) && (!f.channel || tp.channel === f.channel) && (archived || !tp.archived);

type TouchpointList = Load<Page<Touchpoint>>;

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
  const archived = search.get("archived") === "1";
  const f = useFilters();
  const touchpoints = useTouchpoints();
  const archivedCount = touchpoints.data?.data.filter((tp) => tp.archived).length ?? 0;
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { from: formatDate(locale, f.from), to: formatDate(locale, f.to) })}
        actions={
          <>
            <div className="view-switch" role="group" aria-label={t("viewLabel")}>
              <button type="button" aria-pressed={!journey} onClick={() => setSearch({ view: null })}>
                {t("viewTable")}
              </button>
              <button type="button" aria-pressed={journey} onClick={() => setSearch({ view: "journey" })}>
                {t("viewJourney")}
              </button>
            </div>
            <NewTouchpointButton onCreated={() => touchpoints.reload()} />
          </>
        }
      />
      <FilterBar show={FILTERS} />
      {(archivedCount > 0 || archived) && (
        <label className="checkbox tp-show-archived">
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => setSearch({ archived: e.target.checked ? "1" : null })}
          />
          {t("archive.show", { count: archivedCount })}
        </label>
      )}
      {journey ? (
        <Journey filters={f} touchpoints={touchpoints} archived={archived} />
      ) : (
        <Table filters={f} touchpoints={touchpoints} archived={archived} />
      )}
    </>
  );
}

interface ViewProps {
  filters: Filters;
  touchpoints: TouchpointList;
  /** Archived touchpoints are shown too. */
  archived: boolean;
}

/** What an empty view says: how to make the first touchpoint, to those who may. */
function useNoRows() {
  const t = useT(touchpointMessages);
  return canEditTouchpoints(useSignedIn().user.role) ? t("noRowsCreate") : t("noRows");
}

function Table({ filters: f, touchpoints, archived }: ViewProps) {
  const noRows = useNoRows();
  const q = reportQuery(f);
  const report = useGet("/api/v1/reports/nps", {
    params: { query: { ...q, groupBy: "touchpoint,channel" } },
  });
  const retry = retryBoth(report, touchpoints);
  const list = touchpoints.data?.data;
  const base = useMemo(
    () =>
      report.data && list
        ? buildRows(report.data, list, matches(f, archived)).filter(
            (r) => archived || !r.touchpoint?.archived,
          )
        : undefined,
    // The filters reach the rows through the report and the team and channel `matches` reads.
    [report.data, list, f.team, f.channel, archived],
  );
  // Weekly points for short periods, else monthly: a day-by-day sparkline is mostly noise.
  const grain = trendGrain(f.days) === "month" ? "month" : "week";
  const trends = useTrends(q, grain, base);
  const rows = useMemo(() => base?.map((r) => ({ ...r, trend: trends?.get(r.key) ?? [] })), [base, trends]);
  return (
    <Card>
      <Loaded data={rows} error={report.error ?? touchpoints.error} reload={retry}>
        {(r) => (r.length ? <TouchpointTable rows={r} /> : <Empty>{noRows}</Empty>)}
      </Loaded>
    </Card>
  );
}

function Journey({ filters: f, touchpoints, archived }: ViewProps) {
  const noRows = useNoRows();
  const report = useGet("/api/v1/reports/nps", {
    params: { query: reportQuery(f, { groupBy: "touchpoint" }) },
  });
  const retry = retryBoth(report, touchpoints);
  const list = touchpoints.data?.data.filter(matches(f, archived));
  return (
    <Card>
      <Loaded data={report.data && list} error={report.error ?? touchpoints.error} reload={retry}>
        {(tps) =>
          report.data && tps.length ? (
            <JourneyView report={report.data} touchpoints={tps} />
          ) : (
            <Empty>{noRows}</Empty>
          )
        }
      </Loaded>
    </Card>
  );
}
