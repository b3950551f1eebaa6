// Create or edit a survey, with the live preview beside the form. The form is the only copy of what the
// admin typed: a failed save leaves it untouched and puts each server error next to its field.
import { useEffect, useState, type FormEvent } from "react";
import { client, ok, ApiError } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { Survey } from "../../api/types.ts";
import { useRecordTitle } from "../../record-title.tsx";
import { errorText } from "../../error-text.ts";
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import type { PageProps } from "../../routes.ts";
import { Link, navigate, setSearch, useLocation } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { PageHeader } from "../../ui/layout-parts.tsx";
import { ErrorDetail, Loaded } from "../../ui/states.tsx";
import { BasicsCard } from "./basics-card.tsx";
import { fieldErrors } from "./field-errors.ts";
import { surveyMessages } from "./messages.ts";
import { SurveyPreview } from "./preview/survey-preview.tsx";
import { QuestionsCard } from "./questions-card.tsx";
import { fromSurvey, newDraft, toBody, type SurveyDraft } from "./survey-draft.ts";
import { switchKind } from "./switch-kind.ts";
import { ThanksCard } from "./thanks-card.tsx";
import "./surveys.css";

export default function SurveyEditorPage({ params }: PageProps) {
  const session = useSignedIn();
  const loaded = useGet(params.id ? "/api/v1/surveys/{id}" : null, {
    params: { path: { id: params.id ?? "" } },
  });
  useRecordTitle(params.id ? loaded.data?.name : undefined);
  if (!params.id) {
    const { name, defaultLocale } = session.workspace;
    const locale = defaultLocale === "en" ? "en" : "ja";
    return <Editor initial={newDraft("nps", locale)} workspaceName={name} />;
  }
  return (
    <Loaded {...loaded}>
      {(s) => <Editor key={s.id} stored={s} initial={fromSurvey(s)} workspaceName={session.workspace.name} />}
    </Loaded>
  );
}

function Editor({
  stored: storedAtLoad,
  initial,
  workspaceName,
}: {
  stored?: Survey;
  initial: SurveyDraft;
  workspaceName: string;
}) {
  const t = useT(surveyMessages);
  const { locale } = useLocale();
  const { search } = useLocation();
  const [draft, setDraft] = useState(initial);
  const [stored, setStored] = useState(storedAtLoad);
  // What counts as unsaved: changes from the stored survey, or (a new one) from the untouched draft.
  const [savedKey, setSavedKey] = useState(() => JSON.stringify(toBody(initial)));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState(search.get("created") ? t("created") : "");
  const errors = fieldErrors(error, t);
  const dirty = JSON.stringify(toBody(draft)) !== savedKey;
  const change = (patch: Partial<SurveyDraft>) => {
    setNotice("");
    setDraft((d) => ({ ...d, ...patch }));
  };

  // The "created" note is for this visit only: a reload should not say it again.
  useEffect(() => {
    if (search.get("created")) setSearch({ created: null });
  }, [search]);

  // After a refused save, the first field in error gets the focus (and comes into view).
  useEffect(() => {
    if (error === undefined) return;
    const first = document.querySelector<HTMLElement>('.survey-form [aria-invalid="true"]');
    (first ?? document.querySelector<HTMLElement>(".survey-form .form-error"))?.focus();
  }, [error]);

  // Leaving the page with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body = toBody(draft);
    setSaving(true);
    setError(undefined);
    setNotice("");
    try {
      const saved = stored
        ? await ok(client.PATCH("/api/v1/surveys/{id}", { params: { path: { id: stored.id } }, body }))
        : await ok(client.POST("/api/v1/surveys", { body }));
      if (!stored) return navigate(`/surveys/${saved.id}?created=1`, { replace: true });
      setStored(saved);
      setSavedKey(JSON.stringify(body));
      setNotice(t("saved"));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const placed = ["name", "kind", "status", "defaultLocale", "question", "followUps", "settings"];
  const rest = errors.rest(placed);
  const props = { draft, change, errors };
  const saveButton = (
    <button type="submit" form="survey-form" className="button button-primary" disabled={saving}>
      {saving ? t("state.saving") : stored ? t("action.save") : t("create")}
    </button>
  );
  return (
    <>
      <PageHeader
        title={stored ? stored.name : t("newTitle")}
        subtitle={
          stored
            ? t("editSubtitle", {
                kind: t(`kind.${stored.kind}`),
                date: formatDate(locale, stored.createdAt),
              })
            : undefined
        }
        actions={
          <>
            {dirty && stored && <span className="badge badge-mid unsaved-badge">{t("unsaved")}</span>}
            <Link to="/surveys" className="button">
              {t("backToList")}
            </Link>
            {saveButton}
          </>
        }
      />
      <div className="survey-editor">
        <form id="survey-form" className="survey-form" onSubmit={(e) => void save(e)} noValidate>
          {error !== undefined && (
            <div className="form-error" role="alert" tabIndex={-1}>
              {errors.any
                ? t("saveFailed")
                : t("saveError", {
                    // The one conflict a survey has: its kind, once it has responses.
                    message:
                      error instanceof ApiError &&
                      error.status === 409 &&
                      stored &&
                      stored.kind !== draft.kind
                        ? t("kindLocked")
                        : errorText(t, error),
                  })}
              {!errors.any && <ErrorDetail error={error} />}
              {rest.length > 0 && (
                <ul>
                  {rest.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {notice && (
            <p className="form-ok" role="status">
              {notice}
            </p>
          )}
          <BasicsCard
            {...props}
            storedKind={stored?.kind}
            onKind={(kind) =>
              change(switchKind(draft, kind, [draft.brandName.ja, draft.brandName.en, workspaceName]))
            }
          />
          <QuestionsCard {...props} />
          <ThanksCard {...props} />
          <div className="survey-save-bar">
            {dirty && stored && <span className="muted">{t("unsaved")}</span>}
            {saveButton}
          </div>
        </form>
        <aside className="survey-preview-col">
          <SurveyPreview draft={draft} />
        </aside>
      </div>
    </>
  );
}
