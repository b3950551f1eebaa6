// The feed's own filters beside the filter bar: a comment search and a segment toggle.
// Both live in the URL (?q=…&segment=…). The segments follow the chosen survey's kind (segments.ts).
import { useT } from "../../i18n/i18n.tsx";
import { setSearch } from "../../router.tsx";
import { SearchBox } from "../../ui/search-box.tsx";
import { segmentTone, type Kind } from "../../ui/score.tsx";
import { responsesMessages } from "./messages.ts";
import { segmentsFor } from "./segments.ts";

export const clearSearch = () => setSearch({ q: null });

export function ResponseTools({ segment, kind }: { segment: string; kind?: Kind | undefined }) {
  const t = useT(responsesMessages);
  const options = segmentsFor(kind);
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
