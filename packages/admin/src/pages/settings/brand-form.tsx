// The brand: its name in Japanese and in English, logo URL and colour, beside a preview of the survey
// page's header in the reader's language.
import { locales } from "@koe/server/shared";
import type { FormEvent } from "react";
import type { CurrentWorkspace as Workspace } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { BrandPreview } from "./brand-preview.tsx";
import { errorFor } from "./field.tsx";
import { Field } from "../../ui/field.tsx";
import { checkColor, checkText, checkUrl } from "./form-state.ts";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";
import { PreviewedForm } from "./previewed-form.tsx";
import { useWorkspaceForm } from "./workspace-form.ts";
import type { WorkspaceFormProps } from "./workspace-section.tsx";

const messages = mergeMessages(settingsMessages, brandMessages);
const DEFAULT_COLOR = "#1a56db";
const fields = ["settings.brand.name", "settings.brand.logoUrl", "settings.brand.color"];

type Values = { nameJa: string; nameEn: string; logoUrl: string; color: string };
const valuesOf = (ws: Workspace): Values => ({
  nameJa: ws.settings.brand.name.ja,
  nameEn: ws.settings.brand.name.en,
  logoUrl: ws.settings.brand.logoUrl ?? "",
  color: ws.settings.brand.color,
});
const nameKey = { ja: "nameJa", en: "nameEn" } as const;

export function BrandForm({ workspace, editable, onSaved }: WorkspaceFormProps) {
  const t = useT(messages);
  const { locale } = useLocale();
  const { form, values, set, save } = useWorkspaceForm(workspace, valuesOf);
  const nameIn = (l: "ja" | "en") => values[nameKey[l]].trim();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ws = await save(
      {
        "settings.brand.name.ja": checkText(values.nameJa, { max: 100 }),
        "settings.brand.name.en": checkText(values.nameEn, { max: 100 }),
        "settings.brand.logoUrl": checkUrl(values.logoUrl),
        "settings.brand.color": checkColor(values.color),
      },
      ({ nameJa, nameEn, ...brand }) => {
        // The default colour is stored as "no colour": it then follows the product's default.
        if (brand.color?.toLowerCase() === DEFAULT_COLOR) brand.color = null;
        // The names go together; an empty one follows the other language (both empty: the workspace name).
        if (nameJa !== undefined || nameEn !== undefined) {
          const names = Object.fromEntries(locales.filter((l) => nameIn(l)).map((l) => [l, nameIn(l)]));
          return { settings: { brand: { ...brand, name: Object.keys(names).length ? names : null } } };
        }
        return { settings: { brand } };
      },
    );
    if (ws) onSaved(ws);
  };
  const colorOk = checkColor(values.color) === undefined;
  return (
    <PreviewedForm
      title={t("brand.title")}
      lead={t("brand.lead")}
      form={form}
      t={t}
      shown={fields}
      editable={editable}
      onSubmit={submit}
      previewTitle={t("preview.title")}
      preview={
        <BrandPreview
          name={nameIn(locale) || nameIn(locale === "ja" ? "en" : "ja") || workspace.name}
          logoUrl={values.logoUrl.trim()}
          color={colorOk ? values.color : DEFAULT_COLOR}
        />
      }
    >
      {locales.map((l) => (
        <Field
          key={l}
          label={t(`brand.name.${l}`)}
          hint={t(`brand.nameHint.${l}`)}
          error={errorFor(form, t, `settings.brand.name.${l}`) ?? errorFor(form, t, "settings.brand.name")}
        >
          {(p) => (
            <input
              {...p}
              lang={l}
              value={values[nameKey[l]]}
              maxLength={100}
              onChange={(e) => set(nameKey[l], e.target.value)}
            />
          )}
        </Field>
      ))}
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
    </PreviewedForm>
  );
}
