// A contact's timeline, newest first: the surveys sent to them (with their score clicks and the scanner
// verdicts), their answers (score, segment, comment, the contact preference with the phone number to call,
// a promoter's consent with its exact text) and the team's notes, each with its own marker on one vertical
// line. A send opens its details (send-dialog.tsx). A company's timeline names each entry's contact.
import type { NoteTimelineEntry, SurveyTimelineEntry, TimelineEntry } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { channelKey } from "../../ui/channel-key.ts";
import { ScoreChip, SegmentLabel, type Segment } from "../../ui/score.tsx";
import { contactsMessages } from "./messages.ts";
import { SendIntents } from "./send-intents.tsx";
import { TimelineIcon } from "./timeline-icons.tsx";
import "./timeline.css";

// The timeline does not say which language a text is in; kana means Japanese, so the browser breaks its
// lines between phrases (word-break: auto-phrase needs lang="ja").
const langOf = (text: string) => (/[\u3040-\u30ff]/.test(text) ? "ja" : undefined);

export function ContactTimeline({
  entries,
  onOpenSend,
  empty,
}: {
  entries: TimelineEntry[];
  /** Opens a send's details over the page; without it (a company's timeline) they open on the contact's. */
  onOpenSend?: (sendId: string) => void;
  empty?: string;
}) {
  const t = useT(contactsMessages);
  if (entries.length === 0) return <p className="muted tl-empty">{empty ?? t("timelineEmpty")}</p>;
  return (
    <ol className="timeline" aria-label={t("timelineLabel")}>
      {entries.map((e) => (
        <li key={`${e.type}-${e.id}`} className={`tl-item tl-${e.type}`}>
          <span className="tl-marker">
            <TimelineIcon type={e.type} />
          </span>
          <div className="tl-body">
            {e.type === "note" ? <NoteEntry entry={e} /> : <SurveyEntry entry={e} onOpenSend={onOpenSend} />}
          </div>
        </li>
      ))}
    </ol>
  );
}

function When({ at }: { at: string }) {
  const { locale } = useLocale();
  return (
    <time className="entry-time" dateTime={at}>
      {formatDateTime(locale, at)}
    </time>
  );
}

/** On a company's timeline: whose entry it is. */
function Whose({ entry: e }: { entry: TimelineEntry }) {
  if (!e.contactId) return null;
  return (
    <Link to={`/contacts/${e.contactId}`} className="tl-contact">
      {e.contactName || e.contactId.slice(0, 8)}
    </Link>
  );
}

/** What a person asked for on an answer: a call (with the number to call), an email, or no contact. */
function Preference({ entry: e }: { entry: SurveyTimelineEntry }) {
  const t = useT(contactsMessages);
  if (!e.contactPreference) return null;
  return (
    <p className={`tl-pref tl-pref-${e.contactPreference}`}>
      <span className="badge badge-mid">{t(`pref.${e.contactPreference}`)}</span>
      {e.contactPreference === "phone" &&
        (e.phone ? (
          <a href={`tel:${e.phone.replace(/[^0-9+]/g, "")}`} className="tl-phone">
            {t("pref.callAt", { phone: e.phone })}
          </a>
        ) : (
          <span className="muted">{t("pref.noPhone")}</span>
        ))}
    </p>
  );
}

function Consent({ entry: e }: { entry: SurveyTimelineEntry }) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  if (!e.testimonialConsent) return null;
  return (
    <div className="tl-consent">
      <span className="badge badge-good">{t("consent.title")}</span>{" "}
      <time className="entry-time" dateTime={e.testimonialConsent.at}>
        {formatDateTime(locale, e.testimonialConsent.at)}
      </time>
      <blockquote lang={langOf(e.testimonialConsent.text)} aria-label={t("consent.text")}>
        {e.testimonialConsent.text}
      </blockquote>
    </div>
  );
}

function SurveyEntry({
  entry: e,
  onOpenSend,
}: {
  entry: SurveyTimelineEntry;
  onOpenSend: ((sendId: string) => void) | undefined;
}) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  const segment = e.segment as Segment | undefined;
  return (
    <>
      <div className="tl-head">
        <span className="tl-title">{t(e.type === "send" ? "entry.send" : "entry.response")}</span>
        <Whose entry={e} />
        {e.score !== undefined && segment && (
          <>
            <ScoreChip score={e.score} segment={segment} />
            <SegmentLabel segment={segment} />
          </>
        )}
        <When at={e.at} />
      </div>
      {e.type === "response" &&
        (e.comment ? (
          <p className="entry-text" lang={langOf(e.comment)}>
            {e.comment}
          </p>
        ) : (
          <p className="entry-text entry-none">{t("noComment")}</p>
        ))}
      {e.type === "response" && <Preference entry={e} />}
      {e.type === "response" && <Consent entry={e} />}
      <div className="tl-meta">
        <span>{e.surveyName || t("deletedSurvey")}</span>
        {e.touchpointId && e.touchpointName && (
          <Link to={`/touchpoints/${e.touchpointId}`}>{e.touchpointName}</Link>
        )}
        {e.channel && <span>{t(channelKey(e.channel))}</span>}
        {e.type === "send" && !onOpenSend && e.contactId && (
          <span>
            <Link to={`/contacts/${e.contactId}?send=${e.id}`}>{t("send.details")}</Link>
          </span>
        )}
        {e.type === "send" && onOpenSend && (
          <span>
            <button
              type="button"
              className="tl-link"
              aria-label={t("send.detailsOf", {
                survey: e.surveyName || t("deletedSurvey"),
                date: formatDateTime(locale, e.at),
              })}
              onClick={() => onOpenSend(e.id)}
            >
              {t("send.details")}
            </button>
          </span>
        )}
      </div>
      {e.type === "send" && e.intents && e.intentCounts && (
        <SendIntents intents={e.intents} counts={e.intentCounts} />
      )}
    </>
  );
}

function NoteEntry({ entry: e }: { entry: NoteTimelineEntry }) {
  const t = useT(contactsMessages);
  return (
    <>
      <div className="tl-head">
        <span className="tl-title">{t("entry.note")}</span>
        <Whose entry={e} />
        {e.author && <span className="tl-author">{t("entryBy", { author: e.author })}</span>}
        <When at={e.at} />
      </div>
      <p className="entry-text tl-note-body" lang={langOf(e.body)}>
        {e.body}
      </p>
    </>
  );
}
