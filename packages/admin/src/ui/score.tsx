// Scores as people read them: a coloured chip per answer (red 0–6, amber 7–8, green 9–10 for NPS), and a
// score with its n and 95 % interval wherever a score is shown (DESIGN.md).
import { signed, formatNumber } from "../i18n/format.ts";
import { useLocale, useT } from "../i18n/i18n.tsx";

import type { Segment, SurveyKind } from "@koe/server/shared";

export type { Segment };
export type Kind = SurveyKind;

/** A segment's colour: the chips, the labels and the feed's segment toggles agree. */
export const segmentTone: Record<Segment, "bad" | "mid" | "good"> = {
  detractor: "bad",
  passive: "mid",
  promoter: "good",
  unhappy: "bad",
  neutral: "mid",
  happy: "good",
};

export function ScoreChip({ score, segment }: { score: number; segment: Segment }) {
  const t = useT();
  return (
    <span className={`chip chip-${segmentTone[segment]}`} title={t(`segment.${segment}`)}>
      {score}
    </span>
  );
}

export function SegmentLabel({ segment }: { segment: Segment }) {
  const t = useT();
  return <span className={`segment segment-${segmentTone[segment]}`}>{t(`segment.${segment}`)}</span>;
}

export interface ScoreSummary {
  n: number;
  marginOfError: number | null;
  interval: [number, number] | null;
}

/** NPS points, signed: −12 / +8; one decimal when the interval is shown beside it. */
export const npsText = (nps: number | null, decimals = 0) => (nps === null ? "—" : signed(nps, decimals));

export function IntervalLine({ summary, format }: { summary: ScoreSummary; format: (v: number) => string }) {
  const t = useT();
  const { locale } = useLocale();
  if (!summary.n) return <span className="muted">{t("stat.noData")}</span>;
  return (
    <span className="interval-line">
      <span>{t("stat.n", { n: formatNumber(locale, summary.n) })}</span>
      {summary.interval && (
        <span>
          {t("stat.interval", { lo: format(summary.interval[0]), hi: format(summary.interval[1]) })}
        </span>
      )}
    </span>
  );
}

export function NpsFigure({
  nps,
  summary,
  large,
}: {
  nps: number | null;
  summary: ScoreSummary;
  large?: boolean;
}) {
  const t = useT();
  return (
    <span className={`figure${large ? " figure-large" : ""}`}>
      <span className="figure-value" data-testid="nps-value">
        {npsText(nps, summary.interval ? 1 : 0)}
      </span>
      {summary.marginOfError !== null && summary.n > 0 && (
        <span className="figure-margin">
          {t("stat.margin", { margin: summary.marginOfError.toFixed(1) })}
        </span>
      )}
    </span>
  );
}
