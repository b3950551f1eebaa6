// What the landing page adds around the answer: the review invitation (the same for everyone: review
// gating is unlawful), the contact-preference question and testimonial consent, and the fatigue override.
import { useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import type { SectionProps } from "./basics-card.tsx";
import { Field } from "../../ui/field.tsx";
import { LinkFields } from "./link-fields.tsx";
import { surveyMessages } from "./messages.ts";

export function ThanksCard({ draft, change, errors }: SectionProps) {
  const t = useT(surveyMessages);
  const review = draft.reviewInvite;
  const which = draft.kind === "nps" ? "nps" : "other";
  return (
    <>
      <Card title={t("thanks")}>
        <div className="review-block">
          <h3>{t("review")}</h3>
          <p className="review-notice">{t("reviewNotice")}</p>
          <LinkFields
            labelText={t("reviewLabel")}
            urlText={t("reviewUrl")}
            link={review}
            onChange={(patch) => change({ reviewInvite: { ...review, ...patch } })}
            errors={errors}
            path="settings.reviewInvite"
          />
        </div>
        <label className="checkbox toggle-with-hint">
          <input
            type="checkbox"
            checked={draft.askContactPreference}
            onChange={(e) => change({ askContactPreference: e.target.checked })}
          />
          <span>
            {t(`askContact.${which}`)}
            <span className="field-hint">{t("askContactHint")}</span>
          </span>
        </label>
        <label className="checkbox toggle-with-hint">
          <input
            type="checkbox"
            checked={draft.askTestimonial}
            onChange={(e) => change({ askTestimonial: e.target.checked })}
          />
          <span>
            {t(`askTestimonial.${which}`)}
            <span className="field-hint">{t("askTestimonialHint")}</span>
          </span>
        </label>
      </Card>
      <Card title={t("delivery")}>
        <Field label={t("fatigueDays")} hint={t("fatigueHint")} error={errors.at("settings.fatigueDays")}>
          {(p) => (
            <input
              {...p}
              type="number"
              className="input-days"
              min={0}
              max={3650}
              step={1}
              value={draft.fatigueDays}
              onChange={(e) => change({ fatigueDays: e.target.value })}
            />
          )}
        </Field>
      </Card>
    </>
  );
}
