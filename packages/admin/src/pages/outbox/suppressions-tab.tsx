// The suppression list: every address Koe sends no survey email to, with its reason and where it came from
// (the unsubscribe link, a provider's bounce or complaint, a person here, the API), searchable by address
// and reason (in the URL); members and above add an address with a note and remove one after a confirm.
import { roleMay } from "@koe/server/shared";
import { useState, type FormEvent } from "react";
import { client, ok } from "../../api/client.ts";
import type { Suppression } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { Field } from "../../ui/field.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { PagedList } from "../../ui/paged-list.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { SearchBox } from "../../ui/search-box.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { outboxMessages } from "./messages.ts";

const reasons = [
  "unsubscribed",
  "bounced",
  "complained",
  "manual",
] as const satisfies readonly Suppression["reason"][];
const reasonTone: Record<Suppression["reason"], string> = {
  unsubscribed: "badge-quiet",
  manual: "badge-quiet",
  bounced: "badge-bad",
  complained: "badge-bad",
};
type Reason = (typeof reasons)[number];

/** Looks like an address; the server decides. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function AddForm({ onAdded }: { onAdded: (email: string) => void }) {
  const t = useT(outboxMessages);
  const [email, setEmail] = useState("");
  const [note, setNote] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) return setInvalid(true);
    setInvalid(false);
    setFailure(undefined);
    setBusy(true);
    try {
      const stored = await ok(
        client.POST("/api/v1/suppressions", {
          body: { email: address, reason: "manual", ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      setEmail("");
      setNote("");
      onAdded("email" in stored ? stored.email : address.toLowerCase());
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("sup.add")}>
      <p className="mail-lead">{t("sup.addLead")}</p>
      {failure !== undefined && (
        <p className="form-error" role="alert">
          {errorText(t, failure)}
          <ErrorDetail error={failure} />
        </p>
      )}
      <form className="sup-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t("sup.email")} error={invalid ? t("sup.badEmail") : undefined}>
          {(p) => (
            <input
              {...p}
              type="email"
              required
              maxLength={320}
              autoComplete="off"
              value={email}
              placeholder="name@example.com"
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("sup.note")}>
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={500}
              value={note}
              placeholder={t("sup.notePlaceholder")}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? t("sup.adding") : t("sup.addSubmit")}
        </button>
      </form>
    </Card>
  );
}

function SuppressionRow({
  s,
  canEdit,
  removing,
  onRemove,
}: {
  s: Suppression;
  canEdit: boolean;
  removing: boolean;
  onRemove: () => void;
}) {
  const t = useT(outboxMessages);
  const { locale } = useLocale();
  const [asking, setAsking] = useState(false);
  return (
    <tr>
      <th scope="row" className="sup-email">
        {s.email}
      </th>
      <td>
        <span className={`badge ${reasonTone[s.reason]}`}>{t(`sup.reason.${s.reason}`)}</span>
      </td>
      <td>
        <span className="sup-origin">{t(`sup.origin.${s.origin}`)}</span>
        {/* The words behind the kind, unless they only repeat it (api, admin). */}
        {s.source && s.source !== "api" && s.source !== "admin" && (
          <span className="sup-source" lang="en">
            {s.source}
          </span>
        )}
      </td>
      <td className="sup-note">{s.note}</td>
      <td className="sup-date">{formatDateTime(locale, s.createdAt)}</td>
      <td className="sup-actions">
        {canEdit && (
          <>
            <button
              type="button"
              className="button button-danger button-small"
              disabled={removing}
              aria-label={`${t("sup.remove")}: ${s.email}`}
              onClick={() => setAsking(true)}
            >
              {removing ? t("sup.removing") : t("sup.remove")}
            </button>
            <ConfirmDialog
              open={asking}
              title={t("sup.removeTitle", { email: s.email })}
              body={t("sup.removeBody")}
              confirmLabel={t("sup.removeYes")}
              cancelLabel={t("action.cancel")}
              danger
              onConfirm={onRemove}
              onClose={() => setAsking(false)}
            />
          </>
        )}
      </td>
    </tr>
  );
}

export function SuppressionsTab() {
  const t = useT(outboxMessages);
  const { search } = useLocation();
  const canEdit = roleMay(useSignedIn().user.role, "editContacts");
  const q = search.get("address")?.trim() ?? "";
  const asked = search.get("reason");
  const reason = reasons.includes(asked as Reason) ? (asked as Reason) : undefined;
  const list = usePages("/api/v1/suppressions", {
    params: { query: { limit: 50, ...(q ? { q } : {}), ...(reason ? { reason } : {}) } },
  });
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ ok: boolean; text: string; cause?: unknown }>();
  const remove = async (email: string) => {
    setNotice(undefined);
    setRemoving((r) => new Set([...r, email]));
    try {
      await ok(client.DELETE("/api/v1/suppressions/{email}", { params: { path: { email } } }));
      setNotice({ ok: true, text: t("sup.removed", { email }) });
    } catch (e) {
      setNotice({ ok: false, text: t("sup.removeFailed", { email, message: errorText(t, e) }), cause: e });
    }
    setRemoving((r) => new Set([...r].filter((x) => x !== email)));
    list.reload();
  };
  return (
    <div className="stack">
      <p className="mail-transport">{t("sup.lead")}</p>
      {!canEdit && <p className="mail-note">{t("sup.readOnly")}</p>}
      {notice && (
        <p className={notice.ok ? "form-ok" : "form-error"} role={notice.ok ? "status" : "alert"}>
          {notice.text}
          {notice.cause !== undefined && <ErrorDetail error={notice.cause} />}
        </p>
      )}
      <Card title={t("sup.list")}>
        <div className="filters sup-filters">
          <SearchBox
            id="suppression-search"
            param="address"
            label={t("sup.search")}
            placeholder={t("sup.searchPlaceholder")}
          />
          <label className="filter">
            <span>{t("sup.reason")}</span>
            <select value={reason ?? ""} onChange={(e) => setSearch({ reason: e.target.value })}>
              <option value="">{t("filter.all")}</option>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {t(`sup.reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <PagedList pages={list} empty={q || reason ? t("sup.emptyFiltered") : t("sup.empty")}>
          {(items) => (
            <div className="table-wrap">
              <table className="sup-table">
                <thead>
                  <tr>
                    <th scope="col">{t("sup.col.email")}</th>
                    <th scope="col">{t("sup.col.reason")}</th>
                    <th scope="col">{t("sup.col.source")}</th>
                    <th scope="col">{t("sup.col.note")}</th>
                    <th scope="col">{t("sup.col.added")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("sup.remove")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((s) => (
                    <SuppressionRow
                      key={s.email}
                      s={s}
                      canEdit={canEdit}
                      removing={removing.has(s.email)}
                      onRemove={() => void remove(s.email)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </PagedList>
      </Card>
      {canEdit && (
        <AddForm
          onAdded={(email) => {
            setNotice({ ok: true, text: t("sup.added", { email }) });
            list.reload();
          }}
        />
      )}
    </div>
  );
}
