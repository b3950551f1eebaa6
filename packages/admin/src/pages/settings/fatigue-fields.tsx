// The fields of the fatigue form: days between surveys, quiet hours, the fixed 24-hour floor, then the
// workspace's time zone and default language. Each rule is explained in one line under it.
import { useMemo } from "react";
import type { Translate } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { errorFor } from "./field.tsx";
import { Field } from "../../ui/field.tsx";
import type { FormState } from "./form-state.ts";
import type { fatigueMessages, settingsMessages } from "./messages.ts";
import { timeZoneOptions } from "./time-zones.ts";

export interface FatigueValues {
  days: string;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  defaultLocale: string;
}

type T = Translate<keyof typeof settingsMessages.en | keyof typeof fatigueMessages.en>;

export function FatigueFields({
  values,
  set,
  form,
  t,
}: {
  values: FatigueValues;
  set: (key: keyof FatigueValues, value: string) => void;
  form: FormState;
  t: T;
}) {
  const zones = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);
  const quietError =
    errorFor(form, t, "settings.fatigue.quietStart") ?? errorFor(form, t, "settings.fatigue.quietEnd");
  return (
    <>
      <Card title={t("fatigue.title")}>
        <p className="settings-lead">{t("fatigue.lead")}</p>
        <Field
          label={t("fatigue.days")}
          hint={t("fatigue.daysHint")}
          error={errorFor(form, t, "settings.fatigue.days")}
        >
          {(p) => (
            <span className="input-unit">
              <input
                {...p}
                type="number"
                min={0}
                max={3650}
                step={1}
                className="days-input"
                value={values.days}
                onChange={(e) => set("days", e.target.value)}
              />
              <span aria-hidden="true">{t("fatigue.daysUnit")}</span>
            </span>
          )}
        </Field>
        <fieldset className="settings-group" aria-describedby="quiet-hint">
          <legend>{t("fatigue.quiet")}</legend>
          <div className="row quiet-row">
            <QuietTime
              label={t("fatigue.quietStart")}
              placeholder="21:00"
              value={values.quietStart}
              invalid={Boolean(quietError)}
              onChange={(v) => set("quietStart", v)}
            />
            <span aria-hidden="true">{t("fatigue.quietTo")}</span>
            <QuietTime
              label={t("fatigue.quietEnd")}
              placeholder="08:00"
              value={values.quietEnd}
              invalid={Boolean(quietError)}
              onChange={(v) => set("quietEnd", v)}
            />
          </div>
          {quietError && <span className="field-error">{quietError}</span>}
          <span className="field-hint" id="quiet-hint">
            {t("fatigue.quietHint")}
          </span>
        </fieldset>
        <div className="floor-rule">
          <div className="row">
            <strong>{t("fatigue.floor")}</strong>
            <span className="badge badge-quiet">{t("fatigue.floorFixed")}</span>
          </div>
          <span className="field-hint">{t("fatigue.floorText")}</span>
        </div>
      </Card>
      <Card title={t("fatigue.zoneTitle")}>
        <div className="settings-pair">
          <Field label={t("fatigue.zone")} hint={t("fatigue.zoneHint")} error={errorFor(form, t, "timeZone")}>
            {(p) => (
              <select {...p} value={values.timeZone} onChange={(e) => set("timeZone", e.target.value)}>
                {zones.map((z) => (
                  <option key={z.zone} value={z.zone}>
                    {z.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t("fatigue.locale")}
            hint={t("fatigue.localeHint")}
            error={errorFor(form, t, "defaultLocale")}
          >
            {(p) => (
              <select
                {...p}
                value={values.defaultLocale}
                onChange={(e) => set("defaultLocale", e.target.value)}
              >
                <option value="ja">{t("locale.ja")}</option>
                <option value="en">{t("locale.en")}</option>
              </select>
            )}
          </Field>
        </div>
      </Card>
    </>
  );
}

/** One end of the quiet hours. "9:00" becomes "09:00" on leaving the field, the form the server asks for. */
function QuietTime({
  label,
  placeholder,
  value,
  invalid,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const pad = (v: string) => (/^\d:[0-5]\d$/.test(v.trim()) ? `0${v.trim()}` : v.trim());
  return (
    <label className="inline-field">
      <span>{label}</span>
      <input
        className="time-input"
        placeholder={placeholder}
        maxLength={5}
        value={value}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => e.target.value !== pad(e.target.value) && onChange(pad(e.target.value))}
      />
    </label>
  );
}
