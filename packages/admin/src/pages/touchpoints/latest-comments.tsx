// The newest comments left at a touchpoint under the page's period, survey and channel (comment-query.ts):
// score chip, segment, when, where. Comments are what a respondent typed, so they are rendered as text
// only (React escapes them).
import { withQuery } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import type { Filters } from "../../ui/filters.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { ScoreChip, SegmentLabel, type Segment } from "../../ui/score.tsx";
import { Loaded } from "../../ui/states.tsx";
import { useSurveys, type Touchpoint } from "../../workspace-data.ts";
import { commentsQuery, responsesLinkQuery } from "./comment-query.ts";
import { touchpointMessages } from "./messages.ts";

const SHOWN = 10;
// Many answers carry no comment: read a few pages' worth to find ten that do.
const READ = 50;

export function LatestComments({ touchpointId, filters }: { touchpointId: string; filters: Filters }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  const timeZone = useSignedIn().workspace.timeZone;
  const surveys = new Map((useSurveys().data?.data ?? []).map((s) => [s.id, s.name]));
  const responses = useGet("/api/v1/responses", {
    params: { query: { ...commentsQuery(touchpointId, filters, timeZone), limit: READ } },
  });
  return (
    <Card
      title={t("comments")}
      actions={
        <Link
          to={withQuery("/responses", responsesLinkQuery(touchpointId, filters))}
          className="button button-small"
        >
          {t("allResponses")}
        </Link>
      }
    >
      {filters.attribute && <p className="muted">{t("commentsNoAttribute")}</p>}
      <Loaded {...responses}>
        {(page) => {
          const withText = page.data.filter((r) => r.comment?.trim()).slice(0, SHOWN);
          if (!withText.length) return <p className="muted">{t("commentsEmpty")}</p>;
          return (
            <ul className="tp-comments">
              {withText.map((r) => (
                <li key={r.id} className="tp-comment">
                  <ScoreChip score={r.score} segment={r.segment as Segment} />
                  <div className="tp-comment-body">
                    <div className="tp-comment-meta">
                      <SegmentLabel segment={r.segment as Segment} />
                      <span>{formatDateTime(locale, r.createdAt)}</span>
                      <span>{t(`channel.${r.channel as Touchpoint["channel"]}`)}</span>
                      {surveys.get(r.surveyId) && <span>{surveys.get(r.surveyId)}</span>}
                    </div>
                    <p className="tp-comment-text" lang={r.locale ?? undefined}>
                      {r.comment}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          );
        }}
      </Loaded>
    </Card>
  );
}
