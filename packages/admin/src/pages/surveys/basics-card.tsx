// Name, type, status, default language and the brand the survey page shows.
import { Field } from "../../ui/field.tsx";
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

export function BasicsCard({
  draft,
  change,
  errors,
  storedKind,
  onKind,
}: SectionProps & {
  /** The kind as saved; undefined for a new survey. */
  storedKind: SurveyDraft["kind"] | undefined;
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
        {(p) => (
          <input
            {...p}
            value={draft.name}
            maxLength={200}
            required
            placeholder={t("namePlaceholder")}
            onChange={(e) => change({ name: e.target.value })}
          />
        )}
      </Field>
      <div className="survey-basics-grid">
        <Field label={t("kind")} hint={kindNote} error={errors.at("kind")}>
          {(p) => (
            <select {...p} value={draft.kind} onChange={(e) => onKind(e.target.value as SurveyDraft["kind"])}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("status")} hint={t("statusHint")} error={errors.at("status")}>
          {(p) => (
            <select
              {...p}
              value={draft.status}
              onChange={(e) => change({ status: e.target.value as SurveyDraft["status"] })}
            >
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("defaultLocale")} hint={t("defaultLocaleHint")} error={errors.at("defaultLocale")}>
          {(p) => (
            <select
              {...p}
              value={draft.defaultLocale}
              onChange={(e) => change({ defaultLocale: e.target.value as SurveyDraft["defaultLocale"] })}
            >
              <option value="ja">{t("lang.ja")}</option>
              <option value="en">{t("lang.en")}</option>
            </select>
          )}
        </Field>
        {(["ja", "en"] as const).map((l) => (
          <Field
            key={l}
            label={t(`brandName.${l}`)}
            hint={t("brandHint")}
            error={errors.at(`settings.brandName.${l}`) ?? errors.at("settings.brandName")}
          >
            {(p) => (
              <input
                {...p}
                lang={l}
                value={draft.brandName[l]}
                maxLength={100}
                onChange={(e) => change({ brandName: { ...draft.brandName, [l]: e.target.value } })}
              />
            )}
          </Field>
        ))}
      </div>
    </Card>
  );
}
