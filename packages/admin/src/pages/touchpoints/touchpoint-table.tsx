// The touchpoints table: one row per touchpoint × channel, sortable by every column (default: most
// responses first), each score with its margin and n, a sparkline and the segment split.
import { useMemo } from "react";
import { formatNumber, signed } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { npsText } from "../../ui/score.tsx";
import { SortHeader, useUrlSort } from "../../ui/sort-header.tsx";
import { Sparkline } from "../../ui/sparkline.tsx";
import { touchpointMessages } from "./messages.ts";
import { SplitBar } from "./split-bar.tsx";
import { SMALL_SAMPLE, sortKeys, sortRows, type SortKey, type TouchpointRow } from "./touchpoint-rows.ts";

export function TouchpointTable({ rows }: { rows: TouchpointRow[] }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  const sort = useUrlSort(sortKeys, { key: "n", dir: "desc" });
  const label = useMemo(
    () =>
      (key: SortKey, row: TouchpointRow): string => {
        const tp = row.touchpoint;
        if (key === "name") return row.name || t("noTouchpoint");
        if (key === "kind") return tp ? t(`tpKind.${tp.kind}`) : "";
        if (key === "channel") return t(`channel.${row.channel}`);
        if (key === "team") return tp?.team ?? "";
        if (key === "stage") return tp?.journeyStage ? t(`stage.${tp.journeyStage}`) : "";
        return "";
      },
    [t],
  );
  const sorted = useMemo(
    () => sortRows(rows, sort.key, sort.dir, label, new Intl.Collator(locale)),
    [rows, sort.key, sort.dir, label, locale],
  );
  // Numbers read best largest first; words alphabetically.
  const head = (
    key: SortKey,
    text: string,
    extra: { num?: boolean; meta?: boolean; title?: string } = {},
  ) => (
    <SortHeader
      sortKey={key}
      sort={sort}
      firstDir={["nps", "n", "trend", "split"].includes(key) ? "desc" : "asc"}
      {...(extra.num ? { className: "num" } : extra.meta ? { className: "tp-col-meta" } : {})}
      {...(extra.title ? { title: extra.title } : {})}
    >
      {text}
    </SortHeader>
  );
  return (
    <div className="table-wrap tp-wrap">
      <table className="tp-table">
        <caption className="visually-hidden">{t("tableCaption")}</caption>
        <thead>
          <tr>
            {head("name", t("colTouchpoint"))}
            {head("kind", t("colKind"), { meta: true })}
            {head("channel", t("colChannel"))}
            {head("team", t("colTeam"), { meta: true })}
            {head("stage", t("colStage"), { meta: true })}
            {head("nps", t("colNps"), { num: true })}
            {head("n", t("colN"), { num: true })}
            {head("trend", t("colTrend"), { title: t("colTrendHint") })}
            {head("split", t("colSplit"), { title: t("colSplitHint") })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <Row key={row.key} row={row} label={label} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row, label }: { row: TouchpointRow; label: (key: SortKey, row: TouchpointRow) => string }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  const s = row.summary;
  const dash = <span className="muted">—</span>;
  const meta = (["kind", "team", "stage"] as const).map((k) => label(k, row)).filter(Boolean);
  return (
    <tr>
      <th scope="row" className="tp-name">
        {row.touchpoint ? (
          <>
            <Link to={`/touchpoints/${row.touchpointId}`}>{row.name}</Link>
            {row.touchpoint.archived && (
              <>
                {" "}
                <span className="badge badge-quiet">{t("archive.badge")}</span>
              </>
            )}
          </>
        ) : (
          <span className="muted">{row.name || t("noTouchpoint")}</span>
        )}
        {/* Where the table is narrow, kind, team and stage move under the name. */}
        <span className="tp-meta">{meta.join(" · ")}</span>
      </th>
      <td className="tp-col-meta">{label("kind", row) || dash}</td>
      <td>{label("channel", row)}</td>
      <td className="tp-col-meta">{label("team", row) || dash}</td>
      <td className="tp-col-meta">{label("stage", row) || dash}</td>
      <td className="num tp-score">
        {s.n ? (
          <>
            <strong>{npsText(s.nps, 1)}</strong>
            {s.marginOfError !== null && (
              <span className="tp-margin" title={t("stat.margin", { margin: s.marginOfError.toFixed(1) })}>
                ±{s.marginOfError.toFixed(1)}
              </span>
            )}
          </>
        ) : (
          <span className="muted">{t("noResponses")}</span>
        )}
      </td>
      <td className="num">
        {s.n > 0 && s.n < SMALL_SAMPLE && (
          <span className="badge badge-mid tp-small" title={t("stat.smallSample")}>
            {t("smallSample")}
          </span>
        )}
        {s.n ? formatNumber(locale, s.n) : dash}
      </td>
      <td>
        {row.trend.filter((v) => v !== null).length > 1 ? (
          <Sparkline
            values={row.trend}
            width={80}
            label={t("trendLabel", {
              name: row.name || t("noTouchpoint"),
              values: row.trend.map((v) => (v === null ? "—" : signed(v))).join(", "),
            })}
          />
        ) : (
          dash
        )}
      </td>
      <td>{s.n ? <SplitBar summary={s} /> : dash}</td>
    </tr>
  );
}
