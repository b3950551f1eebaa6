// Benchmarks: published NPS per industry of one country, with the workspace's own NPS over the last 12
// months placed among them, and the caveat first: figures differ by country, method and year (Japan runs
// far lower than Western markets), so they are context, never a target.
import { useMemo } from "react";
import { useGet } from "../../api/hooks.ts";
import { formatDate, signed } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Chart } from "../../ui/chart.tsx";
import { readFilters, reportQuery } from "../../ui/filters.tsx";
import { Card, PageHeader, Tile } from "../../ui/layout-parts.tsx";
import { IntervalLine, NpsFigure } from "../../ui/score.tsx";
import { Empty, Loaded } from "../../ui/states.tsx";
import { benchmarkOption } from "./benchmark-chart.ts";
import { BenchmarkTable } from "./benchmark-table.tsx";
import { COUNTRIES, defaultCountry, industryName, type Country } from "./benchmark-types.ts";
import { benchmarkMessages } from "./messages.ts";
import "./benchmarks.css";

export default function BenchmarksPage() {
  const t = useT(benchmarkMessages);
  const { locale } = useLocale();
  const { workspace } = useSignedIn();
  const { search } = useLocation();
  const asked = search.get("country") as Country | null;
  const country =
    asked && COUNTRIES.includes(asked) ? asked : defaultCountry(workspace.timeZone, workspace.defaultLocale);
  const countryName = t(`country.${country}`);
  const list = useGet("/api/v1/benchmarks", { params: { query: { country } } });
  // Always the last 12 months, whatever the other pages' filters: published figures are yearly.
  const year = readFilters(new URLSearchParams(), "365", workspace.timeZone);
  const ours = useGet("/api/v1/reports/nps", { params: { query: reportQuery(year) } });
  const figures = list.data?.data;
  const option = useMemo(() => {
    if (!figures?.length) return undefined;
    const bars = figures.map((b) => ({
      label: t("chartYear", { name: industryName(b, locale, true), year: b.year }),
      nps: b.nps,
    }));
    const oursNps = ours.data?.nps;
    return benchmarkOption(
      bars,
      ours.data,
      oursNps === null || oursNps === undefined ? "" : t("chartOurs", { nps: signed(oursNps, 1) }),
    );
  }, [figures, ours.data, locale, t]);
  const years = figures?.map((b) => b.year) ?? [];
  const scores = figures?.map((b) => b.nps) ?? [];
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <label className="filter bm-country">
            <span>{t("country")}</span>
            <select value={country} onChange={(e) => setSearch({ country: e.target.value })}>
              {COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {t(`country.${c}`)}
                </option>
              ))}
            </select>
          </label>
        }
      />
      {list.data && (
        <aside className="bm-caveat" aria-labelledby="bm-caveat-title">
          <span className="bm-caveat-mark" aria-hidden="true">
            !
          </span>
          <div>
            <h2 id="bm-caveat-title">{t("caveatTitle")}</h2>
            <p>{list.data.caveat[locale]}</p>
          </div>
        </aside>
      )}
      <div className="grid grid-2 bm-tiles">
        <Loaded {...ours}>
          {(r) => (
            <Tile
              label={t("ours")}
              value={<NpsFigure nps={r.nps} summary={r} large />}
              hint={
                <>
                  <IntervalLine summary={r} format={(v) => signed(v, 1)} />
                  <span className="bm-period">
                    {t("oursHint", { from: formatDate(locale, year.from), to: formatDate(locale, year.to) })}
                  </span>
                </>
              }
              tone="primary"
            />
          )}
        </Loaded>
        <Tile
          label={t("range", { country: countryName })}
          value={
            scores.length
              ? t("rangeValue", { lo: signed(Math.min(...scores), 1), hi: signed(Math.max(...scores), 1) })
              : "—"
          }
          hint={
            scores.length
              ? Math.min(...years) === Math.max(...years)
                ? t("rangeHintOneYear", { count: scores.length, year: Math.min(...years) })
                : t("rangeHint", {
                    count: scores.length,
                    first: Math.min(...years),
                    last: Math.max(...years),
                  })
              : t("rangeNone")
          }
        />
      </div>
      <Card title={t("chart", { country: countryName })}>
        <Loaded {...list}>
          {(l) =>
            l.data.length && option ? (
              <Chart
                option={option}
                label={t("chartLabel", { country: countryName })}
                height={Math.max(220, 60 + 26 * l.data.length)}
              />
            ) : (
              <Empty>{t("empty")}</Empty>
            )
          }
        </Loaded>
      </Card>
      {figures && figures.length > 0 && (
        <Card title={t("table")}>
          <BenchmarkTable figures={figures} />
        </Card>
      )}
    </>
  );
}
