// Companies: every company of the workspace, newest first, paged with "Load more"; each row opens the
// company's page. Members and up add companies here.
import { useState } from "react";
import { formatDate, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link, navigate } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/states.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { canEditContacts } from "../contacts/contact-dialog.tsx";
import { ContactsTabs } from "../contacts/contacts-tabs.tsx";
import { CompanyDialog } from "./company-dialog.tsx";
import { companiesMessages } from "./messages.ts";
import "../contacts/contacts.css";
import "./companies.css";

const PAGE_SIZE = 50;

export default function CompaniesPage() {
  const t = useT(companiesMessages);
  const { locale } = useLocale();
  const companies = usePages("/api/v1/companies", { params: { query: { limit: PAGE_SIZE } } });
  const canEdit = canEditContacts(useSignedIn().user.role);
  const [adding, setAdding] = useState(false);
  const items = companies.items;
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          canEdit && (
            <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
              {t("add")}
            </button>
          )
        }
      />
      <ContactsTabs current="companies" />
      {adding && (
        <CompanyDialog onSaved={(c) => navigate(`/companies/${c.id}`)} onClose={() => setAdding(false)} />
      )}
      {items && items.length > 0 && (
        <p className="contacts-count" aria-live="polite">
          {t(companies.more || companies.loading ? "showingMore" : "showing", {
            count: formatNumber(locale, items.length),
          })}
        </p>
      )}
      <Card className="contacts-card">
        {!items && companies.error && !companies.loading ? (
          <ErrorNote error={companies.error} retry={companies.reload} />
        ) : !items ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>
            <span>{t(canEdit ? "emptyCanAdd" : "empty")}</span>
            {canEdit && (
              <button type="button" className="button button-small" onClick={() => setAdding(true)}>
                {t("add")}
              </button>
            )}
          </Empty>
        ) : (
          <div className="table-wrap">
            <table className="contacts-table">
              <thead>
                <tr>
                  <th scope="col">{t("col.name")}</th>
                  <th scope="col">{t("col.domain")}</th>
                  <th scope="col" className="col-ext">
                    {t("col.externalId")}
                  </th>
                  <th scope="col" className="num">
                    {t("col.created")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/companies/${c.id}`}>{c.name}</Link>
                    </th>
                    <td>{c.domain}</td>
                    <td className="col-ext">{c.externalId && <code>{c.externalId}</code>}</td>
                    <td className="num">{formatDate(locale, c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore pages={companies} />
      </Card>
    </>
  );
}
