// Adding or editing a company, in a modal <dialog>: name, domain, external id and typed attributes.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ApiError, client, ok } from "../../api/client.ts";
import type { Company } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { AttributesEditor, attributesOf, rowsOf } from "../contacts/attributes-editor.tsx";
import { contactFormMessages } from "../contacts/messages.ts";
import { companiesMessages } from "./messages.ts";
import "../contacts/contact-dialog.css";

export function CompanyDialog({
  company,
  onSaved,
  onClose,
}: {
  company?: Company;
  onSaved: (c: Company) => void;
  onClose: () => void;
}) {
  const t = useT(companiesMessages);
  const tf = useT(contactFormMessages);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [name, setName] = useState(company?.name ?? "");
  const [domain, setDomain] = useState(company?.domain ?? "");
  const [externalId, setExternalId] = useState(company?.externalId ?? "");
  const [rows, setRows] = useState(() => rowsOf(company?.attributes ?? {}));
  const [nameCheck, setNameCheck] = useState<string>();
  const [attrProblem, setAttrProblem] = useState<{ index: number; message: string }>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNameCheck(undefined);
    setAttrProblem(undefined);
    if (!name.trim()) return setNameCheck(t("nameRequired"));
    const attributes = attributesOf(rows);
    if (!attributes.ok)
      return setAttrProblem({ index: attributes.index, message: tf(`attrProblem.${attributes.problem}`) });
    setSaving(true);
    setFailure(undefined);
    const body = {
      name: name.trim(),
      domain: domain.trim() || null,
      externalId: externalId.trim() || null,
      attributes: attributes.value,
    };
    try {
      const saved = company
        ? await ok(client.PATCH("/api/v1/companies/{id}", { params: { path: { id: company.id } }, body }))
        : await ok(client.POST("/api/v1/companies", { body }));
      onSaved(saved);
      ref.current?.close();
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };
  const apiError = failure instanceof ApiError ? failure : undefined;
  const fieldError = (path: string) =>
    apiError?.field(path) ? t("fieldInvalid", { detail: apiError.field(path) ?? "" }) : undefined;
  const placed = apiError?.status === 409 || ["name", "domain", "externalId"].some((f) => apiError?.field(f));
  return (
    <dialog
      ref={ref}
      className="contact-dialog"
      aria-labelledby={titleId}
      onClose={(e) => e.target === e.currentTarget && onClose()}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{company ? t("editTitle") : t("newTitle")}</h2>
        <Field label={t("name")} error={nameCheck ?? fieldError("name")}>
          {(p) => (
            <input {...p} value={name} maxLength={200} autoFocus onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <div className="contact-dialog-grid">
          <Field label={t("domain")} hint={t("domainHint")} error={fieldError("domain")}>
            {(p) => (
              <input {...p} value={domain} maxLength={253} onChange={(e) => setDomain(e.target.value)} />
            )}
          </Field>
          <Field
            label={t("externalId")}
            hint={t("externalIdHint")}
            error={apiError?.status === 409 ? t("taken") : fieldError("externalId")}
          >
            {(p) => (
              <input
                {...p}
                value={externalId}
                maxLength={200}
                onChange={(e) => setExternalId(e.target.value)}
              />
            )}
          </Field>
        </div>
        <AttributesEditor rows={rows} onChange={setRows} problem={attrProblem} />
        {failure !== undefined && !placed && (
          <p className="form-failure" role="alert">
            {t("saveFailed")} <ErrorDetail error={failure} />
          </p>
        )}
        <div className="contact-dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t("action.cancel")}
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t("state.saving") : company ? t("action.save") : t("add")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
