// One testimonial: the customer's comment as a quote, who gave it and where, and the exact consent text
// they agreed to with its time, so whoever publishes the quote can see what was agreed. The quote can be
// copied with one button (the comment only: the consent covers the comment, not the name).
import { scaleOf, segmentsOf } from "@koe/server/shared";
import { useEffect, useState } from "react";
import type { ResponseWithContext } from "../../api/types.ts";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { ScoreChip, type Segment } from "../../ui/score.tsx";
import type { Survey } from "../../workspace-data.ts";
import { testimonialsMessages } from "./messages.ts";

const NPS_SEGMENTS = new Set<string>(segmentsOf("nps"));
type CopyState = "idle" | "copied" | "failed";

export function TestimonialCard({
  item: r,
  survey,
}: {
  item: ResponseWithContext;
  survey: Survey | undefined;
}) {
  const t = useT(testimonialsMessages);
  const { locale } = useLocale();
  const [copy, setCopy] = useState<CopyState>("idle");
  useEffect(() => {
    if (copy !== "copied") return;
    const timer = setTimeout(() => setCopy("idle"), 2500);
    return () => clearTimeout(timer);
  }, [copy]);
  const kind = survey?.kind ?? (NPS_SEGMENTS.has(r.segment) ? "nps" : undefined);
  const max = kind ? scaleOf(kind).max : undefined;
  const who = r.contact?.name || r.contact?.email || t("anonymous");
  const lang = r.locale ?? undefined;
  const copyQuote = () => {
    // No clipboard outside a secure context (plain http on another host): say so rather than fail silently.
    if (!r.comment || !navigator.clipboard) return setCopy("failed");
    navigator.clipboard.writeText(r.comment).then(
      () => setCopy("copied"),
      () => setCopy("failed"),
    );
  };
  return (
    <article className="quote-card">
      <div className="quote-main">
        {r.comment ? (
          <blockquote className="quote-text" lang={lang}>
            <p>{r.comment}</p>
          </blockquote>
        ) : (
          <p className="quote-text entry-none">{t("noComment")}</p>
        )}
        <footer className="quote-by">
          <span
            className="quote-score"
            role={max ? "img" : undefined}
            aria-label={max ? t("scoreOutOf", { score: r.score, max }) : undefined}
          >
            <ScoreChip score={r.score} segment={r.segment as Segment} />
          </span>
          <span className="quote-who">
            {r.contact ? (
              <Link to={`/contacts/${r.contact.id}`} className="quote-name">
                {who}
              </Link>
            ) : (
              <span className="quote-name quote-anonymous">{who}</span>
            )}
            {r.contact?.company && <span className="quote-company">{r.contact.company.name}</span>}
          </span>
          <span className="quote-where">
            <time dateTime={r.createdAt}>{t("answered", { date: formatDate(locale, r.createdAt) })}</time>
            {survey && <span>{survey.name}</span>}
            {r.touchpoint && <Link to={`/touchpoints/${r.touchpoint.id}`}>{r.touchpoint.name}</Link>}
          </span>
        </footer>
      </div>
      <aside className="quote-consent" aria-label={t("consentLabel")}>
        <p className="quote-consent-head">
          <span className="badge badge-good">
            {r.testimonialConsentAt ? (
              <time dateTime={r.testimonialConsentAt}>
                {t("consentHeading", { date: formatDateTime(locale, r.testimonialConsentAt) })}
              </time>
            ) : (
              t("consentLabel")
            )}
          </span>
        </p>
        <p className="quote-consent-label">{t("consentLabel")}</p>
        <p className="quote-consent-text" lang={lang}>
          {r.testimonialConsentText}
        </p>
        {r.comment && (
          <div className="quote-actions">
            <button
              type="button"
              className="button button-small"
              onClick={copyQuote}
              aria-label={t("copyLabel", { who })}
            >
              {t("copy")}
            </button>
            <span className={`quote-copied${copy === "failed" ? " is-failed" : ""}`} role="status">
              {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : ""}
            </span>
          </div>
        )}
      </aside>
    </article>
  );
}
