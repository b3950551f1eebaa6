// The feed's own filters beside the filter bar: a comment search, a segment toggle, what the respondent
// asked for (contact) and testimonial consent. All live in the URL (?q=…&segment=…&contact=…&testimonial=…).
// The segments follow the chosen survey's kind (segments.ts).
import { useT } from "../../i18n/i18n.tsx";
import { setSearch } from "../../router.tsx";
import { SearchBox } from "../../ui/search-box.tsx";
import { segmentTone, type Kind } from "../../ui/score.tsx";
import { responsesMessages } from "./messages.ts";
import { segmentsFor } from "./segments.ts";

export const clearSearch = () => setSearch({ q: null });

/** The feed's contactPreference filter: asked for a call, an email, either, or no contact. */
export const contactChoices = ["any", "phone", "email", "none"] as const;
export const testimonialChoices = ["true", "false"] as const;

export function ResponseTools({
  segment,
  kind,
  contact,
  testimonial,
}: {
  segment: string;
  kind?: Kind | undefined;
  contact: string;
  testimonial: string;
}) {
  const t = useT(responsesMessages);
  const options = segmentsFor(kind);
  return (
    <div className="resp-tools">
      <SearchBox id="resp-q" label={t("search")} placeholder={t("searchPlaceholder")} />
      <div className="resp-filters">
        <label className="filter">
          <span>{t("contactFilter")}</span>
          <select value={contact} onChange={(e) => setSearch({ contact: e.target.value || null })}>
            <option value="">{t("contactFilter.all")}</option>
            {contactChoices.map((c) => (
              <option key={c} value={c}>
                {t(`contactFilter.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t("testimonialFilter")}</span>
          <select value={testimonial} onChange={(e) => setSearch({ testimonial: e.target.value || null })}>
            <option value="">{t("testimonialFilter.all")}</option>
            {testimonialChoices.map((c) => (
              <option key={c} value={c}>
                {t(`testimonialFilter.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
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
