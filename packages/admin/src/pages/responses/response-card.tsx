// One answer in the feed: its score and segment, who gave it (a link to the contact) and when, the comment
// with the search term marked, and where it came from (survey, touchpoint, channel, how it was collected).
import type { ResponseWithContext } from "../../api/types.ts";
import { scaleOf, segmentsOf } from "@koe/server/shared";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { channelKey } from "../../ui/channel-key.ts";
import { ScoreChip, SegmentLabel, type Segment } from "../../ui/score.tsx";
import type { Survey } from "../../workspace-data.ts";
import { ClampedComment } from "./clamped-comment.tsx";
import { responsesMessages } from "./messages.ts";

export type FeedItem = ResponseWithContext;

const NPS_SEGMENTS = new Set<string>(segmentsOf("nps"));

/**
 * What the respondent asked for: to be called (with the contact's number, to dial), emailed or left alone,
 * and whether they agreed to be quoted. Shown at the top of the card, since each is something to act on.
 */
function AnswerFlags({ response: r }: { response: FeedItem }) {
  const t = useT(responsesMessages);
  const pref = r.contactPreference;
  const phone = pref === "phone" ? r.contact?.phone : null;
  if (!pref && !r.testimonialConsentText) return null;
  return (
    <p className="resp-flags">
      {pref && (
        <span className={`badge ${pref === "none" ? "badge-quiet" : "badge-bad"}`}>
          {t(`contactPref.${pref}`)}
        </span>
      )}
      {phone && (
        <a
          className="resp-phone"
          href={`tel:${phone.replace(/[^\d+]/g, "")}`}
          aria-label={t("callNumber", { phone })}
        >
          {phone}
        </a>
      )}
      {r.testimonialConsentText && (
        <Link
          to="/testimonials"
          className="badge badge-good resp-consent"
          title={t("testimonialConsentTitle")}
        >
          {t("testimonialConsent")}
        </Link>
      )}
    </p>
  );
}

export function ResponseCard({
  response: r,
  survey,
  term,
}: {
  response: FeedItem;
  survey: Survey | undefined;
  term: string;
}) {
  const t = useT(responsesMessages);
  const { locale } = useLocale();
  const segment = r.segment as Segment;
  const kind = survey?.kind ?? (NPS_SEGMENTS.has(r.segment) ? "nps" : undefined);
  const max = kind ? scaleOf(kind).max : undefined;
  const who = r.contact ? r.contact.name || r.contact.email || t("contactLabel") : null;
  return (
    <article className={`resp-card resp-${segment}`}>
      <div
        className="resp-score"
        aria-label={max ? t("outOf", { score: r.score, max }) : undefined}
        role={max ? "img" : undefined}
      >
        <ScoreChip score={r.score} segment={segment} />
        {max && (
          <span className="resp-scale" aria-hidden="true">
            /{max}
          </span>
        )}
      </div>
      <div className="resp-body">
        <header className="resp-head">
          <SegmentLabel segment={segment} />
          {r.contact && who ? (
            <Link to={`/contacts/${r.contact.id}`} className="resp-who">
              {who}
            </Link>
          ) : (
            <span className="resp-who resp-anonymous">{t("anonymous")}</span>
          )}
          <time className="entry-time" dateTime={r.createdAt}>
            {formatDateTime(locale, r.createdAt)}
          </time>
        </header>
        <AnswerFlags response={r} />
        {r.comment ? (
          <ClampedComment text={r.comment} term={term} lang={r.locale ?? undefined} />
        ) : (
          <p className="entry-text entry-none">{t("noComment")}</p>
        )}
        <footer className="resp-meta">
          {survey && <span className="resp-meta-item">{survey.name}</span>}
          {r.touchpoint && (
            <Link to={`/touchpoints/${r.touchpoint.id}`} className="resp-meta-item">
              {r.touchpoint.name}
            </Link>
          )}
          <span className="resp-meta-item">{t(channelKey(r.channel))}</span>
          <span className="resp-meta-item" title={t("sourceLabel")}>
            {t(`source.${r.source}`)}
          </span>
        </footer>
      </div>
    </article>
  );
}
