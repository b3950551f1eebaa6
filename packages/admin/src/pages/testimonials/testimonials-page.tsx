// Testimonials: the comments customers agreed may be quoted, newest first, each with the exact consent
// text they agreed to. The responses feed with testimonial=true under the filter bar's survey, touchpoint
// and period (kept in the URL), and its CSV export with the consent columns.
import { useMemo } from "react";
import { withQuery, type QueryOf } from "../../api/client.ts";
import type { Response, ResponseWithContext } from "../../api/types.ts";
import { formatDate, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { useSignedIn } from "../../session.tsx";
import { dayBounds } from "../../ui/day-bounds.ts";
import { FilterBar, useFilters } from "../../ui/filters.tsx";
import { PageHeader } from "../../ui/layout-parts.tsx";
import { LoadMore, useStale } from "../../ui/load-more.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/states.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { useSurveys } from "../../workspace-data.ts";
import { testimonialsMessages } from "./messages.ts";
import { TestimonialCard } from "./testimonial-card.tsx";
import "./testimonials.css";

const PAGE_SIZE = 20;
const withContext = (r: Response | ResponseWithContext): r is ResponseWithContext => "contact" in r;

export default function TestimonialsPage() {
  const t = useT(testimonialsMessages);
  const tc = useT();
  const { locale } = useLocale();
  const f = useFilters();
  const timeZone = useSignedIn().workspace.timeZone;
  const surveys = useSurveys().data?.data;
  const surveyById = useMemo(() => new Map((surveys ?? []).map((s) => [s.id, s])), [surveys]);
  const query: QueryOf<"/api/v1/responses"> = {
    ...dayBounds(f.from, f.to, timeZone),
    surveyId: f.surveyId,
    touchpointId: f.touchpoint,
    testimonial: "true",
  };
  const path = withQuery("/testimonials", { ...query, limit: PAGE_SIZE });
  const feed = usePages("/api/v1/responses", {
    params: { query: { ...query, include: "contact", limit: PAGE_SIZE } },
  });
  const stale = useStale(path, feed);
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { from: formatDate(locale, f.from), to: formatDate(locale, f.to) })}
        actions={
          <a
            className="button"
            href={withQuery("/api/v1/responses/export.csv", query)}
            download
            title={t("exportTitle")}
          >
            {tc("action.export")}
          </a>
        }
      />
      <FilterBar show={["survey", "touchpoint"]} />
      {!feed.items && feed.error && !feed.loading ? (
        <ErrorNote error={feed.error} retry={feed.reload} />
      ) : !feed.items ? (
        <Loading />
      ) : feed.items.length === 0 ? (
        <Empty>
          <span>
            <strong>{t("empty")}</strong>
            <br />
            {t("emptyHint")}
          </span>
        </Empty>
      ) : (
        <>
          <p className="resp-count" aria-live="polite">
            {t(feed.more || feed.loading ? "showingMore" : "showing", {
              count: formatNumber(locale, feed.items.length),
            })}
          </p>
          <ul className={`quote-list${stale ? " is-stale" : ""}`} aria-label={t("list")} aria-busy={stale}>
            {feed.items.filter(withContext).map((r) => (
              <li key={r.id}>
                <TestimonialCard item={r} survey={surveyById.get(r.surveyId)} />
              </li>
            ))}
          </ul>
          <LoadMore pages={feed} />
        </>
      )}
    </>
  );
}
