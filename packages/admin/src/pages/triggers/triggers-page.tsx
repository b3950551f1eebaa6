// Triggers: every rule with its event, conditions, delay, survey and touchpoint; admins create them.
import { roleMay } from "@koe/server/shared";
import { useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { PagedList } from "../../ui/paged-list.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { useSurveys, useTouchpoints } from "../../workspace-data.ts";
import { delayParts } from "./delay.ts";
import { triggerMessages } from "./messages.ts";
import type { Trigger } from "./trigger-types.ts";
import "./triggers.css";

export default function TriggersPage() {
  const t = useT(triggerMessages);
  const mayEdit = roleMay(useSignedIn().user.role, "editSurveys");
  const list = usePages("/api/v1/triggers", { params: { query: { limit: 50 } } });
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          mayEdit && (
            <Link to="/triggers/new" className="button button-primary">
              {t("newButton")}
            </Link>
          )
        }
      />
      <Card>
        <PagedList pages={list} empty={mayEdit ? t("emptyCreate") : t("empty")}>
          {(triggers) => <TriggerTable triggers={triggers} />}
        </PagedList>
      </Card>
    </>
  );
}

function TriggerTable({ triggers }: { triggers: Trigger[] }) {
  const t = useT(triggerMessages);
  const surveys = useSurveys().data?.data ?? [];
  const touchpoints = useTouchpoints().data?.data ?? [];
  const dash = <span className="muted">—</span>;
  return (
    <div className="table-wrap">
      <table className="trigger-table">
        <caption className="visually-hidden">{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("colName")}</th>
            <th scope="col">{t("colEvent")}</th>
            <th scope="col">{t("colConditions")}</th>
            <th scope="col">{t("colDelay")}</th>
            <th scope="col">{t("colSurvey")}</th>
            <th scope="col">{t("colTouchpoint")}</th>
            <th scope="col">{t("colStatus")}</th>
          </tr>
        </thead>
        <tbody>
          {triggers.map((tr) => {
            const survey = surveys.find((s) => s.id === tr.surveyId);
            const tp = touchpoints.find((x) => x.id === tr.touchpointId);
            const count = Object.keys(tr.conditions).length;
            return (
              <tr key={tr.id}>
                <th scope="row" className="trigger-name">
                  <Link to={`/triggers/${tr.id}`}>{tr.name}</Link>
                </th>
                <td>
                  <code className="trigger-event">{tr.eventType}</code>
                </td>
                <td>
                  {count === 0 ? (
                    <span className="muted">{t("noConditions")}</span>
                  ) : (
                    <span title={JSON.stringify(tr.conditions)}>
                      {count === 1 ? t("oneCondition") : t("conditionCount", { count })}
                    </span>
                  )}
                </td>
                <td>
                  <DelayText seconds={tr.delaySeconds} />
                </td>
                <td>
                  {survey ? survey.name : <span className="muted">{t("unknownSurvey")}</span>}
                  {survey && survey.status !== "active" && tr.active && (
                    <span className="trigger-warning">{t("surveyNotActive")}</span>
                  )}
                </td>
                <td>
                  {tp ? tp.name : tr.touchpointId ? dash : <span className="muted">{t("noTouchpoint")}</span>}
                </td>
                <td>
                  <span className={`badge ${tr.active ? "badge-good" : "badge-quiet"}`}>
                    {tr.active ? t("active") : t("paused")}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function DelayText({ seconds }: { seconds: number }) {
  const t = useT(triggerMessages);
  if (seconds === 0) return <>{t("now")}</>;
  const { n, unit } = delayParts(seconds);
  return <>{t(`delay.${unit}`, { n })}</>;
}
