// The change against the period just before, with whether it is beyond the margin of error.
import { signed } from "../../i18n/format.ts";
import { useT } from "../../i18n/i18n.tsx";
import type { NpsReport } from "../../report-types.ts";
import { Tile } from "../../ui/layout-parts.tsx";
import { npsText } from "../../ui/score.tsx";
import { touchpointMessages } from "./messages.ts";

export function ChangeTile({ report, days }: { report: NpsReport; days: number }) {
  const t = useT(touchpointMessages);
  const prev = report.previous;
  const change = report.change;
  if (!prev || !change || report.nps === null || prev.nps === null) {
    return <Tile label={t("change")} value="—" hint={t("changeNone")} />;
  }
  const tone = !change.significant ? "quiet" : change.delta > 0 ? "good" : "bad";
  return (
    <Tile
      label={t("change")}
      value={
        <span className={`change change-${tone}`}>
          <span aria-hidden="true">{change.delta > 0 ? "▲" : change.delta < 0 ? "▼" : "■"}</span>{" "}
          {signed(change.delta, 1)}
        </span>
      }
      hint={
        <>
          <span className={`badge badge-${tone}`}>
            {t(change.significant ? "changeSignificant" : "changeNotSignificant")}
          </span>{" "}
          {t("previousWas", { days, nps: npsText(prev.nps, 1), n: prev.n })}
        </>
      }
    />
  );
}
