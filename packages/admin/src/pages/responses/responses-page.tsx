// Responses: the feed of answers, newest first, under the same filters as the dashboards plus a comment
// search and a segment toggle (all kept in the URL), with "Load more" and a CSV export of the same filter.
import { useEffect, useMemo } from "react";
import { channels, segments } from "@koe/server/shared";
import { withQuery, oneOf, type QueryOf } from "../../api/client.ts";
import type { Response } from "../../api/types.ts";
import { formatDate, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { dayBounds } from "../../ui/day-bounds.ts";
import { FilterBar, useFilters, type Filters } from "../../ui/filters.tsx";
import { PageHeader } from "../../ui/layout-parts.tsx";
import { LoadMore, useStale } from "../../ui/load-more.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/states.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { useSurveys } from "../../workspace-data.ts";
import { responsesMessages } from "./messages.ts";
import { ResponseCard, type FeedItem } from "./response-card.tsx";
import { ResponseTools, clearSearch, contactChoices, testimonialChoices } from "./response-tools.tsx";
import { segmentUnder } from "./segments.ts";
import "./responses.css";

const PAGE_SIZE = 30;

/** Asked with include=contact, every answer carries its contact and touchpoint (ResponseWithContext). */
const withContext = (r: Response | FeedItem): r is FeedItem => "contact" in r;

/** The feed's own filters beside the filter bar's. */
interface FeedFilters {
  q: string;
  segment: string;
  contact: string;
  testimonial: string;
}

/** The feed's query: the filter bar's (its days as instants: the feed takes times) and the feed's own. */
function feedQuery(
  f: Filters,
  timeZone: string,
  { q, segment, contact, testimonial }: FeedFilters,
): QueryOf<"/api/v1/responses"> {
  return {
    ...dayBounds(f.from, f.to, timeZone),
    surveyId: f.surveyId,
    touchpointId: f.touchpoint,
    channel: oneOf(channels, f.channel),
    team: f.team,
    segment: oneOf(segments, segment),
    contactPreference: oneOf(contactChoices, contact),
    testimonial: oneOf(testimonialChoices, testimonial),
    q,
  };
}

export default function ResponsesPage() {
  const t = useT(responsesMessages);
  const { locale } = useLocale();
  const f = useFilters();
  const { search } = useLocation();
  const q = search.get("q")?.trim() ?? "";
  const asked = search.get("segment") ?? "";
  const surveys = useSurveys().data?.data;
  const surveyById = useMemo(() => new Map((surveys ?? []).map((s) => [s.id, s])), [surveys]);
  const kind = surveyById.get(f.surveyId ?? "")?.kind;
  // A segment the chosen survey's kind lacks (left from another survey) is dropped, once the kind is known.
  const segment = !f.surveyId || surveys ? segmentUnder(asked, kind) : asked;
  useEffect(() => {
    if (segment !== asked) setSearch({ segment: null });
  }, [segment, asked]);
  const contact = oneOf(contactChoices, search.get("contact") ?? "") ?? "";
  const testimonial = oneOf(testimonialChoices, search.get("testimonial") ?? "") ?? "";
  const query = feedQuery(f, useSignedIn().workspace.timeZone, { q, segment, contact, testimonial });
  const path = withQuery("/responses", { ...query, include: "contact", limit: PAGE_SIZE });
  const feed = usePages("/api/v1/responses", {
    params: { query: { ...query, include: "contact", limit: PAGE_SIZE } },
  });
  const stale = useStale(path, feed);
  const exportHref = withQuery("/api/v1/responses/export.csv", query);
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { from: formatDate(locale, f.from), to: formatDate(locale, f.to) })}
        actions={
          <a className="button" href={exportHref} download title={t("exportTitle")}>
            {t("action.export")}
          </a>
        }
      />
      <FilterBar show={["survey", "touchpoint", "channel", "team"]} />
      <ResponseTools segment={segment} kind={kind} contact={contact} testimonial={testimonial} />
      {!feed.items && feed.error && !feed.loading ? (
        <ErrorNote error={feed.error} retry={feed.reload} />
      ) : !feed.items ? (
        <Loading />
      ) : feed.items.length === 0 ? (
        <Empty>
          <span>{q ? t("emptySearch", { q }) : t("empty")}</span>
          {q && (
            <button type="button" className="button button-small" onClick={clearSearch}>
              {t("clearSearch")}
            </button>
          )}
        </Empty>
      ) : (
        <>
          <p className="resp-count" aria-live="polite">
            {t(feed.more || feed.loading ? "showingMore" : "showing", {
              count: formatNumber(locale, feed.items.length),
            })}
          </p>
          <ul className={`resp-feed${stale ? " is-stale" : ""}`} aria-label={t("feed")} aria-busy={stale}>
            {feed.items.filter(withContext).map((r) => (
              <li key={r.id}>
                <ResponseCard response={r} survey={surveyById.get(r.surveyId)} term={q} />
              </li>
            ))}
          </ul>
          <LoadMore pages={feed} />
        </>
      )}
    </>
  );
}
