// The brand: name, logo URL and colour, beside a preview of the survey page's header.
import { useState, type FormEvent } from "react";
import type { Workspace } from "../../../../server/src/domain/workspaces/workspace-settings.ts";
import { api } from "../../api.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { BrandPreview } from "./brand-preview.tsx";
import { errorFor, Field, FormNote } from "./field.tsx";
import { changedFields, checkColor, checkText, checkUrl, useForm } from "./form-state.ts";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";

const messages = mergeMessages(settingsMessages, brandMessages);
const DEFAULT_COLOR = "#1a56db";
const fields = ["settings.brand.name", "settings.brand.logoUrl", "settings.brand.color"];

type Values = { name: string; logoUrl: string; color: string };
const valuesOf = (ws: Workspace): Values => ({
  name: ws.settings.brand.name,
  logoUrl: ws.settings.brand.logoUrl ?? "",
  color: ws.settings.brand.color,
});

export function BrandForm({
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
    const brand = changedFields(loaded, values);
    // The default colour is stored as "no colour": it then follows the product's default.
    if (brand.color?.toLowerCase() === DEFAULT_COLOR) brand.color = null;
    const ws = await form.submit(
      {
        "settings.brand.name": checkText(values.name, { max: 100 }),
        "settings.brand.logoUrl": checkUrl(values.logoUrl),
        "settings.brand.color": checkColor(values.color),
      },
      () => api<Workspace>("/workspace", { method: "PATCH", body: { settings: { brand } } }),
    );
    if (!ws) return;
    const next = valuesOf(ws);
    setLoaded(next);
    setValues(next);
    onSaved(ws);
  };
  const colorOk = checkColor(values.color) === undefined;
  return (
    <Card title={t("brand.title")}>
      <p className="settings-lead">{t("brand.lead")}</p>
      <div className="brand-layout">
        <form onSubmit={save} noValidate>
          <fieldset disabled={!editable} className="settings-fieldset">
            <Field
              label={t("brand.name")}
              hint={t("brand.nameHint")}
              error={errorFor(form, t, "settings.brand.name")}
            >
              {(p) => (
                <input
                  {...p}
                  value={values.name}
                  maxLength={100}
                  onChange={(e) => set("name", e.target.value)}
                />
              )}
            </Field>
            <Field
              label={t("brand.logo")}
              hint={t("brand.logoHint")}
              error={errorFor(form, t, "settings.brand.logoUrl")}
            >
              {(p) => (
                <input
                  {...p}
                  type="url"
                  inputMode="url"
                  placeholder="https://example.com/logo.png"
                  value={values.logoUrl}
                  onChange={(e) => set("logoUrl", e.target.value)}
                />
              )}
            </Field>
            <Field
              label={t("brand.color")}
              hint={t("brand.colorHint")}
              error={errorFor(form, t, "settings.brand.color")}
            >
              {(p) => (
                <div className="color-row">
                  <input
                    type="color"
                    className="color-picker"
                    aria-label={t("brand.colorPicker")}
                    value={colorOk ? values.color.toLowerCase() : DEFAULT_COLOR}
                    onChange={(e) => set("color", e.target.value)}
                  />
                  <input
                    {...p}
                    className="color-text"
                    value={values.color}
                    maxLength={7}
                    spellCheck={false}
                    onChange={(e) => set("color", e.target.value)}
                  />
                  {editable && values.color.toLowerCase() !== DEFAULT_COLOR && (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={() => set("color", DEFAULT_COLOR)}
                    >
                      {t("brand.colorReset")}
                    </button>
                  )}
                </div>
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
          <h3 className="settings-subhead">{t("preview.title")}</h3>
          <BrandPreview
            name={values.name.trim() || workspace.name}
            logoUrl={values.logoUrl.trim()}
            color={colorOk ? values.color : DEFAULT_COLOR}
          />
        </div>
      </div>
    </Card>
  );
}
