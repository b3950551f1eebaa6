// The feed's own filters beside the filter bar: a comment search and a segment toggle.
// Both live in the URL (?q=…&segment=…). The segments follow the chosen survey's kind: CSAT and CES
// answers are unhappy / neutral / happy, NPS answers detractors / passives / promoters.
import { useT } from "../../i18n/i18n.tsx";
import { setSearch } from "../../router.tsx";
import { SearchBox } from "../../ui/search-box.tsx";
import { segmentTone, type Kind, type Segment } from "../../ui/score.tsx";
import { responsesMessages } from "./messages.ts";

const SEGMENTS: Record<"nps" | "rating", Segment[]> = {
  nps: ["detractor", "passive", "promoter"],
  rating: ["unhappy", "neutral", "happy"],
};

export const clearSearch = () => setSearch({ q: null });

export function ResponseTools({ segment, kind }: { segment: string; kind?: Kind | undefined }) {
  const t = useT(responsesMessages);
  const options = SEGMENTS[kind === "csat" || kind === "ces" ? "rating" : "nps"];
  return (
    <div className="resp-tools">
      <SearchBox id="resp-q" label={t("search")} placeholder={t("searchPlaceholder")} />
      <div className="resp-segments" role="group" aria-label={t("segmentFilter")}>
        <span className="resp-segments-label" aria-hidden="true">
          {t("segmentFilter")}
        </span>
        <button
          type="button"
          className="seg-toggle"
          aria-pressed={!segment}
          onClick={() => setSearch({ segment: null })}
        >
          {t("allSegments")}
        </button>
        {options.map((s) => (
          <button
            key={s}
            type="button"
            className={`seg-toggle seg-${segmentTone[s]}`}
            aria-pressed={segment === s}
            onClick={() => setSearch({ segment: segment === s ? null : s })}
          >
            {t(`segment.${s}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
