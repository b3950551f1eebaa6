// The question, then per segment of the kind: its follow-up and an optional button on the thank-you page.
import { useState } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { SegmentLabel, type Segment } from "../../ui/score.tsx";
import type { SectionProps } from "./basics-card.tsx";
import { LinkFields } from "./link-fields.tsx";
import { LocalePair } from "./locale-pair.tsx";
import { surveyMessages } from "./messages.ts";
import { scaleOf, segmentOf, segmentsOf, type SurveyDraft } from "./survey-draft.ts";

/** The lowest and highest score of a segment, e.g. detractor 0–6. */
function rangeOf(kind: SurveyDraft["kind"], segment: Segment): [number, number] {
  const { min, max } = scaleOf(kind);
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i).filter(
    (s) => segmentOf(kind, s) === segment,
  );
  return [scores[0] ?? min, scores[scores.length - 1] ?? max];
}

export function QuestionsCard({ draft, change, errors }: SectionProps) {
  const t = useT(surveyMessages);
  // A button is offered, not laid out empty for every segment; one that has any text stays open.
  const [open, setOpen] = useState<Partial<Record<Segment, boolean>>>({});
  const opened = (s: Segment) => {
    const c = draft.ctas[s];
    return open[s] || !!(c.label.ja || c.label.en || c.url) || !!errors.at(`settings.ctas.${s}`);
  };
  return (
    <>
      <Card title={t("question")}>
        <LocalePair
          label={t("questionText")}
          hint={t("questionHint")}
          value={draft.question}
          onChange={(question) => change({ question })}
          error={errors.at("question")}
          multiline
          rows={3}
          maxLength={500}
        />
      </Card>
      <Card title={t("followUps")}>
        <p className="field-hint survey-card-lead">{t("followUpsHint")}</p>
        {segmentsOf(draft.kind).map((segment) => {
          const [lo, hi] = rangeOf(draft.kind, segment);
          const cta = draft.ctas[segment];
          const setCta = (next: Partial<typeof cta>) =>
            change({ ctas: { ...draft.ctas, [segment]: { ...cta, ...next } } });
          return (
            <section key={segment} className="segment-block" aria-label={t(`segment.${segment}`)}>
              <h3 className="segment-block-head">
                <SegmentLabel segment={segment} />
                <span className="muted">
                  {lo === hi ? t("rangeOne", { min: lo }) : t("range", { min: lo, max: hi })}
                </span>
              </h3>
              <LocalePair
                label={t("followUp")}
                value={draft.followUps[segment]}
                onChange={(v) => change({ followUps: { ...draft.followUps, [segment]: v } })}
                error={errors.at(`followUps.${segment}`)}
                multiline
                rows={3}
                maxLength={1000}
              />
              {!opened(segment) ? (
                <button
                  type="button"
                  className="button button-small button-quiet cta-add"
                  aria-expanded={false}
                  onClick={() => setOpen((o) => ({ ...o, [segment]: true }))}
                >
                  ＋ {t("ctaAdd")}
                </button>
              ) : (
                <div className="cta-block">
                  <h4>{t("cta")}</h4>
                  <LinkFields
                    labelText={t("ctaLabel")}
                    urlText={t("ctaUrl")}
                    link={cta}
                    onChange={setCta}
                    errors={errors}
                    path={`settings.ctas.${segment}`}
                  />
                </div>
              )}
            </section>
          );
        })}
      </Card>
    </>
  );
}
