// The live preview beside the editor: the real landing page (score, follow-up for a chosen score,
// thank-you) and the invitation email, rendered by the server from the unsaved form. Each is shown in an
// iframe with an empty sandbox: no script, no forms, no access to the admin's origin.
import type { Locale } from "@koe/server/shared";
import { useState } from "react";
import type { SurveyInput } from "../../../api/types.ts";
import { errorText } from "../../../error-text.ts";
import { useT } from "../../../i18n/i18n.tsx";
import { TabList } from "../../../ui/tab-list.tsx";
import { surveyMessages } from "../messages.ts";
import { scaleOf, segmentOf, type SurveyDraft } from "../survey-draft.ts";
import { previewSurvey } from "./preview-body.ts";
import { previewMessages } from "./messages.ts";
import { usePreview, type PreviewBody } from "./use-preview.ts";

const tabs = ["score", "followup", "thanks", "email"] as const;
type Tab = (typeof tabs)[number];

export function SurveyPreview({ draft }: { draft: SurveyDraft }) {
  const t = useT(previewMessages);
  const ts = useT(surveyMessages);
  const [tab, setTab] = useState<Tab>("score");
  const [locale, setLocale] = useState<"ja" | "en">(draft.defaultLocale);
  const { min, max } = scaleOf(draft.kind);
  const [chosen, setChosen] = useState(3);
  const score = Math.min(max, Math.max(min, chosen));
  const survey = previewSurvey(draft, t("unsavedName"));
  const language = ts(`lang.${locale}`);
  return (
    <section className="card survey-preview" aria-labelledby="survey-preview-title">
      <div className="card-head">
        <h2 id="survey-preview-title">{t("title")}</h2>
        <div className="lang-switch" role="group" aria-label={t("language")}>
          {(["ja", "en"] as const).map((l) => (
            <button key={l} type="button" aria-pressed={locale === l} onClick={() => setLocale(l)}>
              {ts(`lang.${l}`)}
            </button>
          ))}
        </div>
      </div>
      <TabList
        tabs={tabs}
        chosen={tab}
        onChoose={setTab}
        label={t("tabs")}
        idPrefix="preview-tab"
        panelId="preview-panel"
        className="preview-tabs"
        tabClassName="preview-tab"
      >
        {(x) => t(`tab.${x}`)}
      </TabList>
      <div id="preview-panel" role="tabpanel" aria-labelledby={`preview-tab-${tab}`}>
        {(tab === "followup" || tab === "thanks") && (
          <label className="filter preview-score">
            <span>{t("score")}</span>
            <select value={score} onChange={(e) => setChosen(Number(e.target.value))}>
              {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((s) => (
                <option key={s} value={s}>
                  {t("scoreOption", { score: s, segment: ts(`segment.${segmentOf(draft.kind, s)}`) })}
                </option>
              ))}
            </select>
          </label>
        )}
        {survey && !draft.question[locale].trim() && (
          <p className="field-hint preview-note">{t("missingText", { language })}</p>
        )}
        {!survey ? (
          <p className="preview-empty">{t("noQuestion")}</p>
        ) : tab === "email" ? (
          <EmailPreview
            key={locale}
            survey={survey}
            locale={locale}
            label={t("frame", { page: t("tab.email"), language })}
          />
        ) : (
          <LandingPreview
            key={`${tab}-${locale}`}
            body={{ survey, locale, step: tab, ...(tab === "score" ? {} : { score }) }}
            label={t("frame", { page: t(`tab.${tab}`), language })}
          />
        )}
      </div>
      <p className="field-hint preview-hint">{t("hint")}</p>
    </section>
  );
}

function PreviewState({ error, updating }: { error: Error | undefined; updating: boolean }) {
  const t = useT(previewMessages);
  // Said over the frame's corner, so the frame does not jump while the admin types.
  return (
    <div aria-live="polite">
      {error ? (
        <p className="field-error preview-error">{t("failed", { message: errorText(t, error) })}</p>
      ) : updating ? (
        <span className="preview-updating">{t("updating")}</span>
      ) : null}
    </div>
  );
}

function LandingPreview({ body, label }: { body: PreviewBody<"/api/v1/surveys/preview">; label: string }) {
  const p = usePreview("/api/v1/surveys/preview", body);
  return (
    <div className="preview-stage">
      <PreviewState error={p.error} updating={p.updating} />
      <PreviewFrame className="preview-frame" title={label} html={p.data?.html} />
    </div>
  );
}

function EmailPreview({ survey, locale, label }: { survey: SurveyInput; locale: Locale; label: string }) {
  const t = useT(previewMessages);
  const p = usePreview("/api/v1/surveys/preview-email", { survey, locale });
  return (
    <>
      <div className="preview-subject">
        <span className="muted">{t("subject")}</span> <strong>{p.data?.subject ?? "—"}</strong>
      </div>
      <div className="preview-stage">
        <PreviewState error={p.error} updating={p.updating} />
        <PreviewFrame className="preview-frame preview-frame-email" title={label} html={p.data?.html} />
      </div>
    </>
  );
}

/**
 * An empty-sandbox frame made with its page: Chromium at times leaves a sandboxed frame blank when its
 * srcdoc changes after it was created empty, so the frame waits for the first page (a blank box of the
 * same size until then).
 */
function PreviewFrame({
  className,
  title,
  html,
}: {
  className: string;
  title: string;
  html: string | undefined;
}) {
  if (html === undefined) return <div className={`${className} preview-frame-waiting`} aria-hidden="true" />;
  return <iframe className={className} sandbox="" title={title} srcDoc={html} />;
}
