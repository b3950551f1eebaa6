// One company: its details and attributes, its NPS ± margin by month (its contacts' answers), its contacts,
// and its timeline (every contact's sends, answers and notes, each naming the contact). Members and up edit
// and delete it and add contacts to it.
import { useState, type ReactNode } from "react";
import { ApiError, client, ok } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { Company } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatDate, formatMonth, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { useRecordTitle } from "../../record-title.tsx";
import type { PageProps } from "../../routes.ts";
import { Link, navigate } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { LoadMore } from "../../ui/load-more.tsx";
import { IntervalLine, NpsFigure, npsText } from "../../ui/score.tsx";
import { Empty, ErrorDetail, ErrorNote, Loaded, Loading } from "../../ui/states.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { canEditContacts, ContactDialog } from "../contacts/contact-dialog.tsx";
import { ContactTimeline } from "../contacts/contact-timeline.tsx";
import { TagLinks } from "../contacts/tag-links.tsx";
import { CompanyDialog } from "./company-dialog.tsx";
import { companiesMessages } from "./messages.ts";
import "../contacts/contacts.css";
import "../contacts/contact-page.css";
import "./companies.css";

export default function CompanyPage({ params }: PageProps) {
  const id = params.id ?? "";
  return <CompanyView key={id} id={id} />;
}

function CompanyView({ id }: { id: string }) {
  const t = useT(companiesMessages);
  const company = useGet("/api/v1/companies/{id}", { params: { path: { id } } });
  const canEdit = canEditContacts(useSignedIn().user.role);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<unknown>();
  useRecordTitle(company.data?.name);
  if (company.error instanceof ApiError && company.error.status === 404) return <NotFound />;
  const remove = async () => {
    setDeleteFailure(undefined);
    try {
      await ok(client.DELETE("/api/v1/companies/{id}", { params: { path: { id } } }));
      navigate("/companies");
    } catch (e) {
      setDeleteFailure(e);
    }
  };
  return (
    <>
      <Link to="/companies" className="back-link">
        ← {t("allCompanies")}
      </Link>
      <Loaded {...company}>
        {(c) => (
          <>
            <PageHeader
              title={c.name}
              subtitle={c.domain ?? undefined}
              actions={
                canEdit && (
                  <>
                    <button type="button" className="button" onClick={() => setEditing(true)}>
                      {t("edit")}
                    </button>
                    <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
                      {t("delete")}
                    </button>
                  </>
                )
              }
            />
            {deleteFailure !== undefined && (
              <p className="form-failure" role="alert">
                {t("delete.failed", { message: errorText(t, deleteFailure) })}{" "}
                <ErrorDetail error={deleteFailure} />
              </p>
            )}
            {editing && (
              <CompanyDialog company={c} onSaved={company.reload} onClose={() => setEditing(false)} />
            )}
            <ConfirmDialog
              open={deleting}
              title={t("delete.title")}
              body={t("delete.body")}
              confirmLabel={t("delete")}
              cancelLabel={t("action.cancel")}
              danger
              onConfirm={remove}
              onClose={() => setDeleting(false)}
            />
            <div className="contact-layout">
              <div className="contact-side">
                <CompanyDetails company={c} />
              </div>
              <div className="contact-main company-main">
                <CompanyNps companyId={c.id} />
                <CompanyContacts companyId={c.id} canEdit={canEdit} />
                <CompanyTimeline companyId={c.id} />
              </div>
            </div>
          </>
        )}
      </Loaded>
    </>
  );
}

function CompanyDetails({ company: c }: { company: Company }) {
  const t = useT(companiesMessages);
  const { locale } = useLocale();
  const rows: [string, ReactNode][] = [
    [t("col.domain"), c.domain],
    [t("col.externalId"), c.externalId && <code>{c.externalId}</code>],
    [t("col.created"), formatDate(locale, c.createdAt)],
  ];
  const attributes = Object.entries(c.attributes);
  const text = (v: Company["attributes"][string]) =>
    v === null ? "—" : typeof v === "boolean" ? t(v ? "attr.true" : "attr.false") : String(v);
  return (
    <>
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
      <Card title={t("attributes")}>
        {attributes.length === 0 ? (
          <p className="muted attr-none">{t("noAttributes")}</p>
        ) : (
          <ul className="attr-chips">
            {attributes.map(([key, value]) => (
              <li key={key} className="attr-chip">
                <span className="attr-key">{key}</span>
                <span className="attr-value">{text(value)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

/** The company's NPS over all time, and by month with each month's margin of error and n. */
function CompanyNps({ companyId }: { companyId: string }) {
  const t = useT(companiesMessages);
  const { locale } = useLocale();
  const report = useGet("/api/v1/reports/nps", {
    params: { query: { company: companyId, groupBy: "month" } },
  });
  return (
    <Card title={t("nps")} className="company-nps">
      <Loaded {...report}>
        {(r) =>
          r.n === 0 ? (
            <p className="muted">{t("npsEmpty")}</p>
          ) : (
            <>
              <div className="company-nps-head">
                <NpsFigure nps={r.nps} summary={r} large />
                <IntervalLine summary={r} format={(v) => npsText(v, 1)} />
              </div>
              <p className="muted company-nps-lead">{t("npsLead")}</p>
              <div className="table-wrap">
                <table className="company-nps-table" aria-label={t("npsTableLabel")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("npsCol.month")}</th>
                      <th scope="col" className="num">
                        {t("npsCol.nps")}
                      </th>
                      <th scope="col" className="num">
                        {t("npsCol.margin")}
                      </th>
                      <th scope="col" className="num">
                        {t("npsCol.n")}
                      </th>
                      <th scope="col" className="num">
                        {t("npsCol.split")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...(r.groups ?? [])].reverse().map((g) => (
                      <tr key={g.key}>
                        <th scope="row">{formatMonth(locale, g.keys.month ?? g.key)}</th>
                        <td className="num company-nps-value">{npsText(g.nps, 1)}</td>
                        <td className="num">
                          {g.marginOfError === null ? "—" : `± ${g.marginOfError.toFixed(1)}`}
                        </td>
                        <td className="num">{formatNumber(locale, g.n)}</td>
                        <td className="num muted">
                          {formatNumber(locale, g.promoters)} / {formatNumber(locale, g.passives)} /{" "}
                          {formatNumber(locale, g.detractors)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </Loaded>
    </Card>
  );
}

function CompanyContacts({ companyId, canEdit }: { companyId: string; canEdit: boolean }) {
  const t = useT(companiesMessages);
  const contacts = usePages("/api/v1/contacts", { params: { query: { companyId, limit: 20 } } });
  const [adding, setAdding] = useState(false);
  const items = contacts.items;
  return (
    <Card
      title={t("contacts")}
      actions={
        canEdit && (
          <button type="button" className="button button-small" onClick={() => setAdding(true)}>
            {t("addContact")}
          </button>
        )
      }
    >
      {adding && (
        <ContactDialog
          companyId={companyId}
          onSaved={() => contacts.reload()}
          onClose={() => setAdding(false)}
        />
      )}
      {!items && contacts.error && !contacts.loading ? (
        <ErrorNote error={contacts.error} retry={contacts.reload} />
      ) : !items ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{t("contactsEmpty")}</Empty>
      ) : (
        <ul className="company-contacts">
          {items.map((c) => (
            <li key={c.id}>
              <Link to={`/contacts/${c.id}`} className="company-contact-name">
                {c.name || c.email || c.externalId || t("noName")}
              </Link>
              {c.name && c.email && <span className="muted">{c.email}</span>}
              <TagLinks tags={c.tags} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore pages={contacts} />
    </Card>
  );
}

function CompanyTimeline({ companyId }: { companyId: string }) {
  const t = useT(companiesMessages);
  const timeline = useGet("/api/v1/companies/{id}/timeline", { params: { path: { id: companyId } } });
  return (
    <Card title={t("timeline")}>
      <Loaded {...timeline}>{(r) => <ContactTimeline entries={r.data} empty={t("timelineEmpty")} />}</Loaded>
    </Card>
  );
}

function NotFound() {
  const t = useT(companiesMessages);
  return (
    <div className="contact-not-found" role="status">
      <h1>{t("notFound")}</h1>
      <p className="muted">{t("notFoundHint")}</p>
      <Link to="/companies" className="button">
        {t("allCompanies")}
      </Link>
    </div>
  );
}
