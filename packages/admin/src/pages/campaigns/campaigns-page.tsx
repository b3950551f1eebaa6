// Campaigns: each one's status, schedule and progress, with launch, pause, resume and cancel; each links to
// its page, and a new one is made in the editor (those who may).
import { useT } from "../../i18n/i18n.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { PagedList } from "../../ui/paged-list.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { useSurveys } from "../../workspace-data.ts";
import { Link } from "../../router.tsx";
import { useMayEditCampaigns } from "./campaign-actions.tsx";
import { CampaignRow } from "./campaign-row.tsx";
import { campaignMessages } from "./messages.ts";
import "./campaigns.css";

export default function CampaignsPage() {
  const t = useT(campaignMessages);
  const list = usePages("/api/v1/campaigns", { params: { query: { limit: 50 } } });
  const surveys = useSurveys().data?.data ?? [];
  const surveyOf = (id: string) => surveys.find((s) => s.id === id);
  const mayEdit = useMayEditCampaigns();
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          mayEdit && (
            <Link to="/campaigns/new" className="button button-primary">
              {t("newCampaign")}
            </Link>
          )
        }
      />
      <Card>
        <PagedList
          pages={list}
          empty={
            mayEdit ? (
              <div className="campaigns-empty">
                <p>{t("empty")}</p>
                <Link to="/campaigns/new" className="button button-primary">
                  {t("createFirst")}
                </Link>
              </div>
            ) : (
              t("emptyReadOnly")
            )
          }
        >
          {(campaigns) => (
            <div className="table-wrap">
              <table className="campaign-table">
                <thead>
                  <tr>
                    <th scope="col">
                      {t("colName")} / {t("colSurvey")}
                    </th>
                    <th scope="col">{t("colStatus")}</th>
                    <th scope="col">{t("colSchedule")}</th>
                    <th scope="col">{t("colProgress")}</th>
                    <th scope="col">{t("colLaunched")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("colActions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {campaigns.map((c) => (
                    <CampaignRow key={c.id} campaign={c} survey={surveyOf(c.surveyId)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </PagedList>
      </Card>
    </>
  );
}
