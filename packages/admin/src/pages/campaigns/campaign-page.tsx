// One campaign (/campaigns/:id) or a new one (/campaigns/new). A draft is edited here — name, survey,
// touchpoint, audience with its live count, schedule, reminders — beside its email preview and test send,
// then launched; a launched campaign shows its setup, its progress as what will happen and why, and its
// answers. While it sends the page asks again every few seconds, like the list.
import { useEffect, useState } from "react";
import { useGet } from "../../api/hooks.ts";
import type { CampaignWithProgress } from "../../api/types.ts";
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { useRecordTitle } from "../../record-title.tsx";
import type { PageProps } from "../../routes.ts";
import { Link } from "../../router.tsx";
import { PageHeader } from "../../ui/layout-parts.tsx";
import { Empty, Loaded } from "../../ui/states.tsx";
import { useSurveys } from "../../workspace-data.ts";
import { CampaignActions, useMayEditCampaigns } from "./campaign-actions.tsx";
import { CampaignEditor } from "./campaign-editor.tsx";
import { CampaignProgressCard } from "./campaign-progress-card.tsx";
import { CampaignResults } from "./campaign-results.tsx";
import { CampaignSummary } from "./campaign-summary.tsx";
import { isLive, moving, tone } from "./campaign-row.tsx";
import { editorMessages } from "./editor-messages.ts";
import { MailPanel } from "./mail-panel.tsx";
import { campaignMessages } from "./messages.ts";
import "./campaigns.css";

const POLL_MS = 3000;
const IDLE_POLL_MS = 30_000;

export default function CampaignPage({ params }: PageProps) {
  const te = useT(editorMessages);
  const mayEdit = useMayEditCampaigns();
  const detail = useGet(params.id ? "/api/v1/campaigns/{id}" : null, {
    params: { path: { id: params.id ?? "" } },
  });
  useRecordTitle(params.id ? detail.data?.name : undefined);
  if (!params.id) {
    return mayEdit ? (
      <CampaignEditor />
    ) : (
      <>
        <PageHeader title={te("newTitle")} />
        <Empty>{te("readOnly")}</Empty>
      </>
    );
  }
  return <Loaded {...detail}>{(c) => <CampaignView campaign={c} reload={detail.reload} />}</Loaded>;
}

function CampaignView({ campaign: c, reload }: { campaign: CampaignWithProgress; reload: () => void }) {
  const t = useT(campaignMessages);
  const te = useT(editorMessages);
  const { locale } = useLocale();
  const mayEdit = useMayEditCampaigns();
  const surveys = useSurveys().data?.data ?? [];
  const survey = surveys.find((s) => s.id === c.surveyId);
  const [polls, setPolls] = useState(0);
  const live = isLive(c);
  const fast = moving(c.progress);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(
      () => {
        reload();
        setPolls((n) => n + 1);
      },
      fast ? POLL_MS : IDLE_POLL_MS,
    );
    return () => clearInterval(timer);
  }, [live, fast, reload]);

  if (c.status === "draft" && mayEdit)
    return <CampaignEditor stored={c} warnings={c.launchWarnings} onSaved={reload} survey={survey} />;
  const badge = (
    <span className={`badge${tone[c.status] ? ` badge-${tone[c.status]}` : ""}`}>
      {t(`status.${c.status}`)}
    </span>
  );
  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            {badge} {t("createdOn", { date: formatDate(locale, c.createdAt) })}
            {live && (
              <span className="campaign-live" role="status">
                <span className="live-dot" aria-hidden="true" />
                {t("live")}
              </span>
            )}
          </>
        }
        actions={
          <>
            <Link to="/campaigns" className="button">
              {te("backToList")}
            </Link>
            <CampaignActions campaign={c} survey={survey} warnings={c.launchWarnings} reload={reload} />
          </>
        }
      />
      <div className="campaign-page">
        <div className="campaign-main">
          <CampaignProgressCard campaign={c} />
          {c.status !== "draft" && <CampaignResults campaignId={c.id} version={polls} />}
          <CampaignSummary campaign={c} survey={survey} />
        </div>
        <aside className="campaign-side">
          <MailPanel campaignId={c.id} version={c.updatedAt} mayEdit={mayEdit && c.status !== "cancelled"} />
        </aside>
      </div>
    </>
  );
}
