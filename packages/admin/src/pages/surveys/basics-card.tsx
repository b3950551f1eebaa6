// Name, type, status, default language and the brand the survey page shows.
import type { ReactNode } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import type { FieldErrors } from "./field-errors.ts";
import { surveyMessages } from "./messages.ts";
import { kinds, statuses, type SurveyDraft } from "./survey-draft.ts";

export interface SectionProps {
  draft: SurveyDraft;
  change: (patch: Partial<SurveyDraft>) => void;
  errors: FieldErrors;
}

export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

export function BasicsCard({
  draft,
  change,
  errors,
  storedKind,
  workspaceName,
  onKind,
}: SectionProps & {
  /** The kind as saved; undefined for a new survey. */
  storedKind: SurveyDraft["kind"] | undefined;
  workspaceName: string;
  onKind: (kind: SurveyDraft["kind"]) => void;
}) {
  const t = useT(surveyMessages);
  const kindNote =
    storedKind && storedKind !== draft.kind ? (
      <span className="survey-warning" role="status">
        {t("kindChanged")}
      </span>
    ) : (
      <>
        {t(`kindHint.${draft.kind}`)}
        {storedKind ? ` ${t("kindLocked")}` : ""}
      </>
    );
  return (
    <Card title={t("basics")}>
      <Field label={t("name")} hint={t("nameHint")} error={errors.at("name")}>
        <input
          value={draft.name}
          maxLength={200}
          required
          placeholder={t("namePlaceholder")}
          aria-invalid={errors.at("name") ? true : undefined}
          onChange={(e) => change({ name: e.target.value })}
        />
      </Field>
      <div className="survey-basics-grid">
        <Field label={t("kind")} hint={kindNote} error={errors.at("kind")}>
          <select value={draft.kind} onChange={(e) => onKind(e.target.value as SurveyDraft["kind"])}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("status")} hint={t("statusHint")} error={errors.at("status")}>
          <select
            value={draft.status}
            onChange={(e) => change({ status: e.target.value as SurveyDraft["status"] })}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("defaultLocale")} hint={t("defaultLocaleHint")} error={errors.at("defaultLocale")}>
          <select
            value={draft.defaultLocale}
            onChange={(e) => change({ defaultLocale: e.target.value as SurveyDraft["defaultLocale"] })}
          >
            <option value="ja">{t("lang.ja")}</option>
            <option value="en">{t("lang.en")}</option>
          </select>
        </Field>
        <Field
          label={t("brandName")}
          hint={t("brandHint", { name: workspaceName })}
          error={errors.at("settings.brandName")}
        >
          <input
            value={draft.brandName}
            maxLength={100}
            placeholder={workspaceName}
            onChange={(e) => change({ brandName: e.target.value })}
          />
        </Field>
      </div>
    </Card>
  );
}
