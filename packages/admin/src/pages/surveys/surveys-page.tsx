// Every survey of the workspace: what it asks, its type and status; each opens in the editor.
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { PagedList } from "../../ui/paged-list.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { localText } from "../../workspace-data.ts";
import { surveyMessages } from "./messages.ts";
import "./surveys.css";

const statusTone = { draft: "quiet", active: "good", closed: "mid" } as const;

export default function SurveysPage() {
  const t = useT(surveyMessages);
  const { locale } = useLocale();
  const list = usePages("/api/v1/surveys", { params: { query: { limit: 100 } } });
  return (
    <>
      <PageHeader
        title={t("listTitle")}
        subtitle={t("listSubtitle")}
        actions={
          <Link to="/surveys/new" className="button button-primary">
            {t("create")}
          </Link>
        }
      />
      <Card>
        <PagedList pages={list} empty={t("listEmpty")}>
          {(surveys) => (
            <div className="table-wrap">
              <table className="survey-table">
                <thead>
                  <tr>
                    <th scope="col">{t("colName")}</th>
                    <th scope="col">{t("colKind")}</th>
                    <th scope="col">{t("colStatus")}</th>
                    <th scope="col">{t("colLocale")}</th>
                    <th scope="col">{t("colCreated")}</th>
                    <th scope="col">{t("colUpdated")}</th>
                  </tr>
                </thead>
                <tbody>
                  {surveys.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/surveys/${s.id}`} className="survey-name">
                          {s.name}
                        </Link>
                        <div className="survey-question muted">{localText(s.question, locale)}</div>
                      </td>
                      <td>
                        <span className="kind-tag">{t(`kind.${s.kind}`)}</span>
                      </td>
                      <td>
                        <span className={`badge badge-${statusTone[s.status]}`}>
                          {t(`status.${s.status}`)}
                        </span>
                      </td>
                      <td>{t(`lang.${s.defaultLocale}`)}</td>
                      <td className="nowrap">{formatDate(locale, s.createdAt)}</td>
                      <td className="nowrap">{formatDate(locale, s.updatedAt)}</td>
                    </tr>
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
