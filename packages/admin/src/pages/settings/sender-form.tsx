// Who survey emails come from: name, address and the postal address their footer carries.
import type { FormEvent } from "react";
import type { CurrentWorkspace as Workspace } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { errorFor } from "./field.tsx";
import { Field } from "../../ui/field.tsx";
import { checkEmail, checkText } from "./form-state.ts";
import { MailPreview } from "./mail-preview.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";
import { PreviewedForm } from "./previewed-form.tsx";
import { useWorkspaceForm } from "./workspace-form.ts";
import type { WorkspaceFormProps } from "./workspace-section.tsx";

const messages = mergeMessages(settingsMessages, brandMessages);
const fields = ["settings.sender.name", "settings.sender.address", "settings.sender.postalAddress"];

type Values = { name: string; address: string; postalAddress: string };
const valuesOf = (ws: Workspace): Values => ({
  name: ws.settings.sender.name,
  address: ws.settings.sender.address ?? "",
  postalAddress: ws.settings.sender.postalAddress ?? "",
});

export function SenderForm({ workspace, editable, onSaved }: WorkspaceFormProps) {
  const t = useT(messages);
  const { form, values, set, save } = useWorkspaceForm(workspace, valuesOf);
  // Unset, an email is from the brand in its own language; the workspace's language stands for it here.
  const brandName = workspace.settings.brand.name[workspace.defaultLocale];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ws = await save(
      {
        "settings.sender.name": checkText(values.name, { max: 100 }),
        "settings.sender.address": checkEmail(values.address),
        "settings.sender.postalAddress": checkText(values.postalAddress, { max: 500 }),
      },
      (sender) => ({ settings: { sender } }),
    );
    if (ws) onSaved(ws);
  };
  return (
    <PreviewedForm
      title={t("sender.title")}
      lead={t("sender.lead")}
      form={form}
      t={t}
      shown={fields}
      editable={editable}
      onSubmit={submit}
      previewTitle={t("mail.title")}
      preview={
        <MailPreview
          name={values.name.trim() || brandName}
          address={values.address.trim()}
          postal={values.postalAddress.trim()}
        />
      }
    >
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
            placeholder={brandName}
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
    </PreviewedForm>
  );
}
