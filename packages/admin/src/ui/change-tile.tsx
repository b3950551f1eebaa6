// The tile of the change against the period just before (overview, one touchpoint), with whether it is
// beyond the margin of error: only a significant change is coloured, so noise does not read as news.
import { formatNumber, signed } from "../i18n/format.ts";
import { useLocale, useT } from "../i18n/i18n.tsx";
import type { NpsReport } from "../report-types.ts";
import { Tile } from "./layout-parts.tsx";
import { npsText } from "./score.tsx";

export function ChangeTile({ report, days }: { report: NpsReport; days: number }) {
  const t = useT();
  const { locale } = useLocale();
  const prev = report.previous;
  const change = report.change;
  if (!prev || !change || report.nps === null || prev.nps === null) {
    return <Tile label={t("change.label")} value="—" hint={t("change.none")} />;
  }
  const tone = !change.significant ? "quiet" : change.delta > 0 ? "good" : "bad";
  return (
    <Tile
      label={t("change.label")}
      value={
        <span className={`change change-${tone}`}>
          <span aria-hidden="true">{change.delta > 0 ? "▲" : change.delta < 0 ? "▼" : "■"}</span>{" "}
          {signed(change.delta, 1)}
        </span>
      }
      hint={
        <>
          <span className={`badge badge-${tone}`}>
            {t(change.significant ? "change.significant" : "change.notSignificant")}
          </span>{" "}
          {t("change.previous", {
            days: formatNumber(locale, days),
            nps: npsText(prev.nps, 1),
            n: formatNumber(locale, prev.n),
          })}
        </>
      }
    />
  );
}
