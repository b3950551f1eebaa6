// A contact's timeline, newest first: the surveys sent to them (with their score clicks and the scanner
// verdicts), their answers (score, segment, comment) and the team's notes, each with its own marker on
// one vertical line. A send opens its details (send-dialog.tsx).
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
}: {
  entries: TimelineEntry[];
  onOpenSend: (sendId: string) => void;
}) {
  const t = useT(contactsMessages);
  if (entries.length === 0) return <p className="muted tl-empty">{t("timelineEmpty")}</p>;
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

function SurveyEntry({
  entry: e,
  onOpenSend,
}: {
  entry: SurveyTimelineEntry;
  onOpenSend: (sendId: string) => void;
}) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  const segment = e.segment as Segment | undefined;
  return (
    <>
      <div className="tl-head">
        <span className="tl-title">{t(e.type === "send" ? "entry.send" : "entry.response")}</span>
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
      <div className="tl-meta">
        <span>{e.surveyName || t("deletedSurvey")}</span>
        {e.touchpointId && e.touchpointName && (
          <Link to={`/touchpoints/${e.touchpointId}`}>{e.touchpointName}</Link>
        )}
        {e.channel && <span>{t(channelKey(e.channel))}</span>}
        {e.type === "send" && (
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
        {e.author && <span className="tl-author">{t("entryBy", { author: e.author })}</span>}
        <When at={e.at} />
      </div>
      <p className="entry-text tl-note-body" lang={langOf(e.body)}>
        {e.body}
      </p>
    </>
  );
}
