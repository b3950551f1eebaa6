// NPS per channel at one touchpoint, with the same filters over every touchpoint as a reference row.
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import type { NpsReport, NpsSummary } from "../../report-types.ts";
import { npsText } from "../../ui/score.tsx";
import type { Touchpoint } from "../../workspace-data.ts";
import { touchpointMessages } from "./messages.ts";
import { SplitBar } from "./split-bar.tsx";
import { SMALL_SAMPLE } from "./touchpoint-rows.ts";

export function ChannelTable({ report, reference }: { report: NpsReport; reference: NpsReport | undefined }) {
  const t = useT(touchpointMessages);
  const groups = [...(report.groups ?? [])].sort((a, b) => b.n - a.n);
  if (!groups.length) return <p className="muted">{t("noData")}</p>;
  return (
    <div className="table-wrap">
      <table className="tp-channels">
        <thead>
          <tr>
            <th scope="col">{t("colChannel")}</th>
            <th scope="col" className="num">
              {t("colNps")}
            </th>
            <th scope="col" className="num">
              {t("colN")}
            </th>
            <th scope="col">{t("colSplit")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <SummaryRow key={g.key} label={t(`channel.${g.key as Touchpoint["channel"]}`)} summary={g} />
          ))}
        </tbody>
        {reference && reference.n > 0 && (
          <tfoot>
            <SummaryRow label={t("everywhere")} summary={reference} />
          </tfoot>
        )}
      </table>
    </div>
  );
}

function SummaryRow({ label, summary: g }: { label: string; summary: NpsSummary }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">
        <strong>{npsText(g.nps, 1)}</strong>
        {g.marginOfError !== null && <span className="tp-margin">±{g.marginOfError.toFixed(1)}</span>}
      </td>
      <td className="num">
        {g.n < SMALL_SAMPLE && (
          <span className="badge badge-mid tp-small" title={t("stat.smallSample")}>
            {t("smallSample")}
          </span>
        )}
        {formatNumber(locale, g.n)}
      </td>
      <td>
        <SplitBar summary={g} />
      </td>
    </tr>
  );
}
