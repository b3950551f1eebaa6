// One text in Japanese and English side by side, so the two versions are written (and checked) together.
import { useId } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { surveyMessages } from "./messages.ts";
import type { Texts } from "./survey-draft.ts";

export function LocalePair({
  label,
  hint,
  value,
  onChange,
  error,
  multiline = false,
  rows = 2,
  maxLength,
  placeholder,
}: {
  label: string;
  hint?: string;
  value: Texts;
  onChange: (next: Texts) => void;
  error?: string | undefined;
  multiline?: boolean;
  rows?: number;
  maxLength: number;
  placeholder?: Partial<Texts>;
}) {
  const t = useT(surveyMessages);
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const input = (locale: "ja" | "en") => {
    const common = {
      id: `${id}-${locale}`,
      lang: locale,
      value: value[locale],
      maxLength,
      placeholder: placeholder?.[locale],
      "aria-invalid": error ? true : undefined,
      "aria-describedby": described,
    };
    return multiline ? (
      <textarea {...common} rows={rows} onChange={(e) => onChange({ ...value, [locale]: e.target.value })} />
    ) : (
      <input {...common} onChange={(e) => onChange({ ...value, [locale]: e.target.value })} />
    );
  };
  return (
    <fieldset className="locale-pair">
      <legend>{label}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="locale-pair-inputs">
        {(["ja", "en"] as const).map((locale) => (
          <label key={locale} htmlFor={`${id}-${locale}`} className="locale-pair-item">
            <span className="locale-tag">{t(`lang.${locale}`)}</span>
            {input(locale)}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
