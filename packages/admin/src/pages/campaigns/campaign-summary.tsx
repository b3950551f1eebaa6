// A campaign's setup in words: survey, touchpoint, audience, schedule and reminders.
import type { Campaign, Survey } from "../../api/types.ts";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { useTouchpoints } from "../../workspace-data.ts";
import { editorMessages } from "./editor-messages.ts";
import { campaignMessages } from "./messages.ts";

export function CampaignSummary({ campaign: c, survey }: { campaign: Campaign; survey: Survey | undefined }) {
  const t = useT(campaignMessages);
  const te = useT(editorMessages);
  const { locale } = useLocale();
  const touchpoint = (useTouchpoints().data?.data ?? []).find((tp) => tp.id === c.touchpointId);
  const a = c.audience;
  const s = c.schedule;
  const list = (items: string[]) => items.join(locale === "ja" ? "、" : ", ");
  const audience =
    a.kind === "filter"
      ? te("audienceText.filter", {
          conditions: list([
            ...Object.entries(a.attributes).map(([k, v]) => `${k} = ${String(v)}`),
            ...(a.locale ? [`${te("filter.locale")} = ${te(`locale.${a.locale}`)}`] : []),
          ]),
        })
      : a.kind === "ids"
        ? te("audienceText.ids", { n: formatNumber(locale, a.contactIds.length) })
        : te(`audienceText.${a.kind}`);
  return (
    <Card title={te("section.summary")}>
      <dl className="campaign-summary">
        <dt>{te("summary.survey")}</dt>
        <dd>{survey ? <Link to={`/surveys/${survey.id}`}>{survey.name}</Link> : "—"}</dd>
        <dt>{te("summary.touchpoint")}</dt>
        <dd>{touchpoint ? <Link to={`/touchpoints/${touchpoint.id}`}>{touchpoint.name}</Link> : "—"}</dd>
        <dt>{te("summary.audience")}</dt>
        <dd>{audience}</dd>
        <dt>{te("summary.schedule")}</dt>
        <dd>
          {s.kind === "now"
            ? t("schedule.now")
            : s.kind === "at"
              ? t("schedule.at", { date: formatDateTime(locale, s.at) })
              : t("schedule.recurring", { days: s.everyDays })}
          {s.kind === "recurring" &&
            s.startAt &&
            ` ${t("schedule.from", { date: formatDate(locale, s.startAt) })}`}
        </dd>
        <dt>{te("summary.reminders")}</dt>
        <dd>
          {c.reminders.count > 0
            ? t("reminders", { count: c.reminders.count, days: c.reminders.afterDays })
            : te("summary.noReminders")}
        </dd>
      </dl>
    </Card>
  );
}
