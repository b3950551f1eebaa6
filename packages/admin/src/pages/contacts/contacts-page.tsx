// Contacts: a search over name, email and external id and a tag filter (both kept in the URL) and the
// matching contacts, newest first, paged with "Load more"; each row opens the contact's page. Members and up
// add contacts here; everyone can download the list as CSV with the same filters.
import { useMemo, useState, type MouseEvent } from "react";
import { withQuery } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import { formatDate, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link, navigate, setSearch, useLocation } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Highlight } from "../../ui/highlight.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { LoadMore, useStale } from "../../ui/load-more.tsx";
import { SearchBox } from "../../ui/search-box.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/states.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { canEditContacts, ContactDialog } from "./contact-dialog.tsx";
import { ContactsTabs } from "./contacts-tabs.tsx";
import { TagLinks } from "./tag-links.tsx";
import { contactsMessages } from "./messages.ts";
import { importMessages } from "../contact-import/messages.ts";
import "./contacts.css";

const PAGE_SIZE = 50;

/** Company names by id; a workspace's companies are few next to its contacts. */
function useCompanyNames(): Map<string, string> {
  const companies = useGet("/api/v1/companies", { params: { query: { limit: 1000 } } }).data?.data;
  return useMemo(() => new Map((companies ?? []).map((c) => [c.id, c.name])), [companies]);
}

/** A click anywhere on a row opens the contact, as its name's link does (unless text is being selected). */
function openRow(e: MouseEvent, id: string) {
  if ((e.target as HTMLElement).closest("a") || window.getSelection()?.toString()) return;
  navigate(`/contacts/${id}`);
}

export default function ContactsPage() {
  const t = useT(contactsMessages);
  const ti = useT(importMessages);
  const { locale } = useLocale();
  const search = useLocation().search;
  const q = search.get("q")?.trim() ?? "";
  const tag = search.get("tag")?.trim() ?? "";
  const query = { q, tag, limit: PAGE_SIZE };
  const path = withQuery("/contacts", query);
  const contacts = usePages("/api/v1/contacts", { params: { query } });
  const stale = useStale(path, contacts);
  const companies = useCompanyNames();
  const items = contacts.items;
  const canEdit = canEditContacts(useSignedIn().user.role);
  const [adding, setAdding] = useState(false);
  const filtered = Boolean(q || tag);
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <>
            <a
              className="button"
              href={withQuery("/api/v1/contacts/export.csv", { q, tag })}
              download
              title={t("exportTitle")}
            >
              {t("export")}
            </a>
            {canEdit && (
              <Link className="button" to="/contacts/import">
                {ti("importCsv")}
              </Link>
            )}
            {canEdit && (
              <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
                {t("add")}
              </button>
            )}
          </>
        }
      />
      <ContactsTabs current="contacts" />
      {adding && (
        <ContactDialog onSaved={(c) => navigate(`/contacts/${c.id}`)} onClose={() => setAdding(false)} />
      )}
      <div className="contacts-tools">
        <div className="contacts-filters">
          <SearchBox id="contacts-q" label={t("search")} placeholder={t("searchPlaceholder")} />
          <SearchBox id="contacts-tag" param="tag" label={t("tagFilter")} placeholder={t("tagPlaceholder")} />
        </div>
        {items && items.length > 0 && (
          <p className="contacts-count" aria-live="polite">
            {t(contacts.more || contacts.loading ? "showingMore" : "showing", {
              count: formatNumber(locale, items.length),
            })}
          </p>
        )}
      </div>
      <Card className="contacts-card">
        {!items && contacts.error && !contacts.loading ? (
          <ErrorNote error={contacts.error} retry={contacts.reload} />
        ) : !items ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>
            <span>
              {tag && q
                ? t("emptySearchTag", { q, tag })
                : tag
                  ? t("emptyTag", { tag })
                  : q
                    ? t("emptySearch", { q })
                    : t(canEdit ? "emptyCanAdd" : "empty")}
            </span>
            {filtered ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => setSearch({ q: null, tag: null })}
              >
                {t("clearSearch")}
              </button>
            ) : (
              canEdit && (
                <button type="button" className="button button-small" onClick={() => setAdding(true)}>
                  {t("add")}
                </button>
              )
            )}
          </Empty>
        ) : (
          <div className={`table-wrap${stale ? " is-stale" : ""}`} aria-busy={stale}>
            <table className="contacts-table">
              <thead>
                <tr>
                  <th scope="col">{t("col.name")}</th>
                  <th scope="col">{t("col.email")}</th>
                  <th scope="col">{t("col.company")}</th>
                  <th scope="col" className="col-tags">
                    {t("col.tags")}
                  </th>
                  <th scope="col" className="col-locale">
                    {t("col.locale")}
                  </th>
                  <th scope="col" className="col-tz">
                    {t("col.timeZone")}
                  </th>
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
                  <tr key={c.id} className="contact-row" onClick={(e) => openRow(e, c.id)}>
                    <th scope="row" className="contact-name">
                      <Link to={`/contacts/${c.id}`}>
                        {c.name ? <Highlight text={c.name} term={q} /> : t("noName")}
                      </Link>
                    </th>
                    <td className="contact-email">{c.email && <Highlight text={c.email} term={q} />}</td>
                    <td>
                      {c.companyId && companies.get(c.companyId) && (
                        <Link to={`/companies/${c.companyId}`}>{companies.get(c.companyId)}</Link>
                      )}
                    </td>
                    <td className="col-tags">
                      <TagLinks tags={c.tags} current={tag} />
                    </td>
                    <td className="col-locale">{c.locale ? t(`locale.${c.locale}`) : null}</td>
                    <td className="col-tz">{c.timeZone}</td>
                    <td className="col-ext">
                      {c.externalId && (
                        <code>
                          <Highlight text={c.externalId} term={q} />
                        </code>
                      )}
                    </td>
                    <td className="num">{formatDate(locale, c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore pages={contacts} />
      </Card>
    </>
  );
}
