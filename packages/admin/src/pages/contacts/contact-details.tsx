// What we know about a contact: phone, language, time zone, company (linked), external id, when they were
// added, their latest answer, their tags, and their attributes as key/value chips.
import type { ReactNode } from "react";
import { Link } from "../../router.tsx";
import type { Contact, SurveyTimelineEntry } from "../../api/types.ts";
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { ScoreChip, SegmentLabel, type Segment } from "../../ui/score.tsx";
import { TagLinks } from "./tag-links.tsx";
import { contactsMessages } from "./messages.ts";

export function ContactDetails({
  contact: c,
  company,
  latest,
  children,
}: {
  contact: Contact;
  company: string | undefined;
  latest: SurveyTimelineEntry | undefined;
  /** More cards below (privacy requests). */
  children?: ReactNode;
}) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  const rows: [string, ReactNode][] = [
    [t("col.email"), c.email],
    [t("col.phone"), c.phone && <a href={`tel:${c.phone.replace(/[^0-9+]/g, "")}`}>{c.phone}</a>],
    [t("col.company"), company && c.companyId && <Link to={`/companies/${c.companyId}`}>{company}</Link>],
    [t("col.locale"), c.locale ? t(`locale.${c.locale}`) : null],
    [t("col.timeZone"), c.timeZone],
    [t("col.externalId"), c.externalId && <code>{c.externalId}</code>],
    [t("col.created"), formatDate(locale, c.createdAt)],
  ];
  if (latest?.score !== undefined && latest.segment) {
    const segment = latest.segment as Segment;
    rows.push([
      t("latestAnswer"),
      <span className="latest-answer">
        <ScoreChip score={latest.score} segment={segment} />
        <SegmentLabel segment={segment} />
        <span className="muted">{formatDate(locale, latest.at)}</span>
      </span>,
    ]);
  }
  return (
    <div className="contact-side">
      <Card title={t("details")} className="contact-details">
        <dl className="details-list">
          {rows
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      </Card>
      <Card title={t("tags")}>
        {c.tags.length ? <TagLinks tags={c.tags} /> : <p className="muted attr-none">{t("noTags")}</p>}
      </Card>
      <Card title={t("attributes")}>
        <Attributes values={c.attributes} />
      </Card>
      {children}
    </div>
  );
}

function Attributes({ values }: { values: Contact["attributes"] }) {
  const t = useT(contactsMessages);
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="muted attr-none">{t("noAttributes")}</p>;
  const text = (v: Contact["attributes"][string]) =>
    v === null ? "—" : typeof v === "boolean" ? t(v ? "attr.true" : "attr.false") : String(v);
  return (
    <ul className="attr-chips">
      {entries.map(([key, value]) => (
        <li key={key} className="attr-chip">
          <span className="attr-key">{key}</span>
          <span className="attr-value">{text(value)}</span>
        </li>
      ))}
    </ul>
  );
}
