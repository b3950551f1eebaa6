// The journey view: touchpoints in the order a customer meets them (the server's stages, "adoption"
// shown as "Use"), each with its NPS ± margin and n on a tint of its score; stageless touchpoints last.
import { formatNumber } from "../../i18n/format.ts";
import { useT, useLocale } from "../../i18n/i18n.tsx";
import type { NpsReport } from "../../report-types.ts";
import { Link } from "../../router.tsx";
import { npsText } from "../../ui/score.tsx";
import type { Touchpoint } from "../../workspace-data.ts";
import { touchpointMessages } from "./messages.ts";
import { scoreEdge, scoreTint } from "./score-colour.ts";
import { emptySummary, SMALL_SAMPLE, stageOrder } from "./touchpoint-rows.ts";

export function JourneyView({ report, touchpoints }: { report: NpsReport; touchpoints: Touchpoint[] }) {
  const t = useT(touchpointMessages);
  const byId = new Map((report.groups ?? []).map((g) => [g.keys.touchpoint, g]));
  const columns = [...stageOrder, null].map((stage) => ({
    stage,
    items: touchpoints
      .filter((tp) => tp.journeyStage === stage)
      .map((tp) => ({ tp, summary: byId.get(tp.id) ?? emptySummary }))
      .sort((a, b) => b.summary.n - a.summary.n),
  }));
  // "Not set" only when some touchpoint has no stage: an empty trailing column says nothing.
  const shown = columns.filter((c) => c.stage !== null || c.items.length > 0);
  return (
    <>
      <div className="journey-head">
        <p className="muted">{t("journeyLead")}</p>
        <div className="journey-legend" aria-hidden="true">
          <span>{t("journeyLegendLow")}</span>
          <span className="journey-scale" />
          <span>{t("journeyLegendHigh")}</span>
        </div>
      </div>
      <div className="journey-wrap">
        <ol className="journey">
          {shown.map(({ stage, items }, i) => (
            <li key={stage ?? "none"} className={`journey-stage${stage ? "" : " journey-unset"}`}>
              <h3 className="journey-title">
                {stage && <span className="journey-step">{i + 1}</span>}
                {t(stage ? `stage.${stage}` : "stage.none")}
              </h3>
              {items.length ? (
                <ul className="journey-items">
                  {items.map(({ tp, summary }) => (
                    <JourneyCard key={tp.id} tp={tp} summary={summary} />
                  ))}
                </ul>
              ) : (
                <p className="journey-empty">{t("journeyEmpty")}</p>
              )}
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}

function JourneyCard({ tp, summary: s }: { tp: Touchpoint; summary: typeof emptySummary }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  const style =
    s.nps === null ? undefined : { background: scoreTint(s.nps), borderLeftColor: scoreEdge(s.nps) };
  return (
    <li className="journey-card" style={style}>
      <Link to={`/touchpoints/${tp.id}`} className="journey-name">
        {tp.name}
      </Link>
      <span className="journey-channel">{t(`channel.${tp.channel}`)}</span>
      {s.n ? (
        <>
          <span className="journey-nps">
            {npsText(s.nps, 1)}
            {s.marginOfError !== null && (
              <span className="journey-margin">
                {t("stat.margin", { margin: s.marginOfError.toFixed(1) })}
              </span>
            )}
          </span>
          <span className="journey-n">
            {t("stat.n", { n: formatNumber(locale, s.n) })}
            {s.n < SMALL_SAMPLE && (
              <span className="badge badge-mid" title={t("stat.smallSample")}>
                {t("smallSample")}
              </span>
            )}
          </span>
        </>
      ) : (
        <span className="journey-n muted">{t("noResponses")}</span>
      )}
    </li>
  );
}
