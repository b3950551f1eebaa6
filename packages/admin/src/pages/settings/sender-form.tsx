// Who survey emails come from: name, address and the postal address their footer carries.
import { useState, type FormEvent } from "react";
import type { Workspace } from "../../../../server/src/domain/workspaces/workspace-settings.ts";
import { api } from "../../api.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { errorFor, Field, FormNote } from "./field.tsx";
import { changedFields, checkEmail, checkText, useForm } from "./form-state.ts";
import { MailPreview } from "./mail-preview.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";

const messages = mergeMessages(settingsMessages, brandMessages);
const fields = ["settings.sender.name", "settings.sender.address", "settings.sender.postalAddress"];

type Values = { name: string; address: string; postalAddress: string };
const valuesOf = (ws: Workspace): Values => ({
  name: ws.settings.sender.name,
  address: ws.settings.sender.address ?? "",
  postalAddress: ws.settings.sender.postalAddress ?? "",
});

export function SenderForm({
  workspace,
  editable,
  onSaved,
}: {
  workspace: Workspace;
  editable: boolean;
  onSaved: (ws: Workspace) => void;
}) {
  const t = useT(messages);
  const form = useForm();
  const [loaded, setLoaded] = useState(() => valuesOf(workspace));
  const [values, setValues] = useState(loaded);
  const set = (key: keyof Values, value: string) => {
    form.edited();
    setValues((v) => ({ ...v, [key]: value }));
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ws = await form.submit(
      {
        "settings.sender.name": checkText(values.name, { max: 100 }),
        "settings.sender.address": checkEmail(values.address),
        "settings.sender.postalAddress": checkText(values.postalAddress, { max: 500 }),
      },
      () =>
        api<Workspace>("/workspace", {
          method: "PATCH",
          body: { settings: { sender: changedFields(loaded, values) } },
        }),
    );
    if (!ws) return;
    const next = valuesOf(ws);
    setLoaded(next);
    setValues(next);
    onSaved(ws);
  };
  return (
    <Card title={t("sender.title")}>
      <p className="settings-lead">{t("sender.lead")}</p>
      <div className="brand-layout">
        <form onSubmit={save} noValidate>
          <fieldset disabled={!editable} className="settings-fieldset">
            <Field
              label={t("sender.name")}
              hint={t("sender.nameHint")}
              error={errorFor(form, t, "settings.sender.name")}
            >
              {(p) => (
                <input
                  {...p}
                  value={values.name}
                  maxLength={100}
                  placeholder={workspace.settings.brand.name}
                  onChange={(e) => set("name", e.target.value)}
                />
              )}
            </Field>
            <Field
              label={t("sender.address")}
              hint={t("sender.addressHint")}
              error={errorFor(form, t, "settings.sender.address")}
            >
              {(p) => (
                <input
                  {...p}
                  type="email"
                  autoComplete="off"
                  placeholder="survey@example.com"
                  value={values.address}
                  onChange={(e) => set("address", e.target.value)}
                />
              )}
            </Field>
            <Field
              label={t("sender.postal")}
              hint={t("sender.postalHint")}
              error={errorFor(form, t, "settings.sender.postalAddress")}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  maxLength={500}
                  placeholder={t("sender.postalPlaceholder")}
                  value={values.postalAddress}
                  onChange={(e) => set("postalAddress", e.target.value)}
                />
              )}
            </Field>
            <FormNote form={form} t={t} shown={fields} />
            {editable && (
              <button type="submit" className="button button-primary" disabled={form.saving}>
                {form.saving ? t("state.saving") : t("action.save")}
              </button>
            )}
          </fieldset>
        </form>
        <div>
          <h3 className="settings-subhead">{t("mail.title")}</h3>
          <MailPreview
            name={values.name.trim() || workspace.settings.brand.name}
            address={values.address.trim()}
            postal={values.postalAddress.trim()}
          />
        </div>
      </div>
    </Card>
  );
}
