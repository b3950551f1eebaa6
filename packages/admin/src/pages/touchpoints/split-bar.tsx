// Promoters, passives and detractors as one small bar, its shares said in words for screen readers.
import { formatPercent } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import type { NpsSummary } from "../../report-types.ts";
import { touchpointMessages } from "./messages.ts";

export function SplitBar({ summary: s, wide }: { summary: NpsSummary; wide?: boolean }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  const share = (count: number) => formatPercent(locale, count / s.n);
  const text = t("splitLabel", {
    promoters: share(s.promoters),
    passives: share(s.passives),
    detractors: share(s.detractors),
  });
  return (
    <div
      className={`split-bar tp-split${wide ? " tp-split-wide" : ""}`}
      role="img"
      aria-label={text}
      title={text}
    >
      <span className="split-good" style={{ width: `${(100 * s.promoters) / s.n}%` }} />
      <span className="split-mid" style={{ width: `${(100 * s.passives) / s.n}%` }} />
      <span className="split-bad" style={{ width: `${(100 * s.detractors) / s.n}%` }} />
    </div>
  );
}
