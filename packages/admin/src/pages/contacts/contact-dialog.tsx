// Adding or editing a contact, in a modal <dialog> over the page: name, email, phone, external id, company,
// language, time zone, tags and typed attributes. The native dialog traps focus, closes on Escape and gives
// focus back to the button that opened it. The server's refusals land on the fields they name.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { roleMay, type Role } from "@koe/server/shared";
import { ApiError, client, ok } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { Contact } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { timeZoneOptions } from "../settings/time-zones.ts";
import { AttributesEditor, attributesOf, rowsOf, type AttributeRow } from "./attributes-editor.tsx";
import { contactFormMessages } from "./messages.ts";
import { TagsInput } from "./tags-input.tsx";
import "./contact-dialog.css";

/** Who may add, edit and delete contacts: the server asks canEditContacts. */
export const canEditContacts = (role: Role) => roleMay(role, "editContacts");
/** Who may export and erase a contact's data and read the audit log: canHandlePrivacyRequests. */
export const canHandlePrivacy = (role: Role) => roleMay(role, "handlePrivacyRequests");

interface Draft {
  name: string;
  email: string;
  phone: string;
  externalId: string;
  companyId: string;
  locale: "" | "ja" | "en";
  timeZone: string;
  tags: string[];
  attributes: AttributeRow[];
}

const draftOf = (c: Contact | undefined, companyId?: string): Draft => ({
  name: c?.name ?? "",
  email: c?.email ?? "",
  phone: c?.phone ?? "",
  externalId: c?.externalId ?? "",
  companyId: c?.companyId ?? companyId ?? "",
  locale: c?.locale ?? "",
  timeZone: c?.timeZone ?? "",
  tags: c?.tags ?? [],
  attributes: rowsOf(c?.attributes ?? {}),
});

export function ContactDialog({
  contact,
  companyId,
  onSaved,
  onClose,
}: {
  /** The one edited; none to add one. */
  contact?: Contact;
  /** A new contact's company (added from a company's page). */
  companyId?: string;
  onSaved: (c: Contact) => void;
  onClose: () => void;
}) {
  const t = useT(contactFormMessages);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const zonesId = useId();
  const [draft, setDraft] = useState(() => draftOf(contact, companyId));
  const [check, setCheck] = useState<{ field: string; message: string }>();
  const [attrProblem, setAttrProblem] = useState<{ index: number; message: string }>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const companies = useGet("/api/v1/companies", { params: { query: { limit: 1000 } } }).data?.data ?? [];

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCheck(undefined);
    setAttrProblem(undefined);
    if (!draft.email.trim() && !draft.externalId.trim())
      return setCheck({ field: "email", message: t("emailOrExternal") });
    const attributes = attributesOf(draft.attributes);
    if (!attributes.ok)
      return setAttrProblem({ index: attributes.index, message: t(`attrProblem.${attributes.problem}`) });
    setSaving(true);
    setFailure(undefined);
    const body = {
      name: draft.name.trim() || null,
      email: draft.email.trim() || null,
      phone: draft.phone.trim() || null,
      externalId: draft.externalId.trim() || null,
      companyId: draft.companyId || null,
      locale: draft.locale || null,
      timeZone: draft.timeZone.trim() || null,
      tags: draft.tags,
      attributes: attributes.value,
    };
    try {
      const saved = contact
        ? await ok(client.PATCH("/api/v1/contacts/{id}", { params: { path: { id: contact.id } }, body }))
        : await ok(client.POST("/api/v1/contacts", { body }));
      onSaved(saved);
      ref.current?.close();
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };

  const apiError = failure instanceof ApiError ? failure : undefined;
  const duplicate = apiError?.status === 409;
  const fieldError = (path: string) =>
    (check?.field === path ? check.message : undefined) ??
    (apiError?.field(path) ? t("fieldInvalid", { detail: apiError.field(path) ?? "" }) : undefined);
  const known = ["name", "email", "phone", "externalId", "companyId", "locale", "timeZone", "tags"];
  const unplaced =
    failure && !duplicate && !known.some((f) => apiError?.field(f)) ? (
      <p className="form-failure" role="alert">
        {t("saveFailed")} <ErrorDetail error={failure} />
      </p>
    ) : null;
  return (
    <dialog
      ref={ref}
      className="contact-dialog"
      aria-labelledby={titleId}
      onClose={(e) => e.target === e.currentTarget && onClose()}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{contact ? t("editTitle") : t("newTitle")}</h2>
        <div className="contact-dialog-grid">
          <Field label={t("name")} error={fieldError("name")}>
            {(p) => (
              <input
                {...p}
                value={draft.name}
                maxLength={200}
                autoFocus
                autoComplete="off"
                onChange={(e) => set("name", e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t("email")}
            error={duplicate ? t("taken") : fieldError("email")}
            hint={t("emailHint")}
          >
            {(p) => (
              <input
                {...p}
                type="email"
                value={draft.email}
                maxLength={320}
                autoComplete="off"
                onChange={(e) => set("email", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("phone")} hint={t("phoneHint")} error={fieldError("phone")}>
            {(p) => (
              <input
                {...p}
                type="tel"
                value={draft.phone}
                maxLength={40}
                autoComplete="off"
                onChange={(e) => set("phone", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("externalId")} hint={t("externalIdHint")} error={fieldError("externalId")}>
            {(p) => (
              <input
                {...p}
                value={draft.externalId}
                maxLength={200}
                autoComplete="off"
                onChange={(e) => set("externalId", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("company")} error={fieldError("companyId")}>
            {(p) => (
              <select {...p} value={draft.companyId} onChange={(e) => set("companyId", e.target.value)}>
                <option value="">{t("noCompany")}</option>
                {companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("locale")} error={fieldError("locale")}>
            {(p) => (
              <select
                {...p}
                value={draft.locale}
                onChange={(e) => set("locale", e.target.value as Draft["locale"])}
              >
                <option value="">{t("localeDefault")}</option>
                <option value="ja">{t("locale.ja")}</option>
                <option value="en">{t("locale.en")}</option>
              </select>
            )}
          </Field>
          <Field label={t("timeZone")} hint={t("timeZoneHint")} error={fieldError("timeZone")}>
            {(p) => (
              <>
                <input
                  {...p}
                  list={zonesId}
                  value={draft.timeZone}
                  maxLength={64}
                  autoComplete="off"
                  onChange={(e) => set("timeZone", e.target.value)}
                />
                <datalist id={zonesId}>
                  {timeZoneOptions(draft.timeZone).map((z) => (
                    <option key={z.zone} value={z.zone}>
                      {z.label}
                    </option>
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        <TagsInput tags={draft.tags} onChange={(tags) => set("tags", tags)} error={fieldError("tags")} />
        <AttributesEditor
          rows={draft.attributes}
          onChange={(rows) => set("attributes", rows)}
          problem={
            attrProblem ??
            (apiError?.field("attributes")
              ? { index: -1, message: apiError.field("attributes") ?? "" }
              : undefined)
          }
        />
        {apiError?.field("attributes") && !attrProblem && (
          <p className="field-error">{t("fieldInvalid", { detail: apiError.field("attributes") ?? "" })}</p>
        )}
        {unplaced}
        <div className="contact-dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t("action.cancel")}
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t("state.saving") : contact ? t("action.save") : t("add")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
