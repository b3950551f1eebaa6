// Create or edit a draft campaign. The form is the only copy of what the admin typed: a refused save keeps
// it and puts each error beside its field. Once saved, the email can be previewed and tested beside it,
// and the draft launched (after the changes are saved: what launches is what the server holds).
import { useEffect, useId, useState, type FormEvent } from "react";
import { ApiError, client, ok } from "../../api/client.ts";
import type { Campaign, Survey } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { navigate, setSearch, useLocation, Link } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Field } from "../../ui/field.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { useSurveys, useTouchpoints } from "../../workspace-data.ts";
import { useGet } from "../../api/hooks.ts";
import { AudienceFields } from "./audience-fields.tsx";
import { CampaignActions } from "./campaign-actions.tsx";
import { fromCampaign, newDraft, toBody, type CampaignDraft, type ScheduleKind } from "./campaign-draft.ts";
import { editorMessages } from "./editor-messages.ts";
import type { LaunchWarning } from "./launch-dialog.tsx";
import { MailPanel } from "./mail-panel.tsx";
import "./campaigns.css";

type Key = keyof typeof editorMessages.en;
const schedules: ScheduleKind[] = ["now", "at", "recurring"];

/** What the form can tell before asking the server. */
function check(d: CampaignDraft): Partial<Record<string, Key>> {
  const e: Partial<Record<string, Key>> = {};
  if (!d.name.trim()) e.name = "error.name";
  if (!d.surveyId) e.surveyId = "error.survey";
  if (d.audienceKind === "filter" && !d.filters.some((f) => f.key.trim())) e.filter = "error.filter";
  if (d.audienceKind === "ids" && d.contactIds.length === 0) e.ids = "error.ids";
  if (d.scheduleKind === "at" && !d.at) e.at = "error.at";
  const days = (s: string, max: number) => /^\d+$/.test(s.trim()) && +s >= 1 && +s <= max;
  if (d.scheduleKind === "recurring" && !days(d.everyDays, 3650)) e.everyDays = "error.everyDays";
  if (d.reminderCount > 0 && !days(d.afterDays, 30)) e.afterDays = "error.afterDays";
  return e;
}

export function CampaignEditor({
  stored,
  warnings = [],
  onSaved,
  survey: storedSurvey,
}: {
  stored?: Campaign;
  warnings?: LaunchWarning[];
  onSaved?: () => void;
  survey?: Survey | undefined;
}) {
  const t = useT(editorMessages);
  const { locale } = useLocale();
  const { search } = useLocation();
  const session = useSignedIn();
  const zone = session.workspace.timeZone;
  const initial = stored ? fromCampaign(stored, zone) : newDraft();
  const [draft, setDraft] = useState(initial);
  const [savedKey, setSavedKey] = useState(() => JSON.stringify(toBody(initial, zone)));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [local, setLocal] = useState<Partial<Record<string, Key>>>({});
  const [notice, setNotice] = useState(search.get("created") ? t("created") : "");
  const dirty = JSON.stringify(toBody(draft, zone)) !== savedKey;
  const change = (patch: Partial<CampaignDraft>) => {
    setNotice("");
    setDraft((d) => ({ ...d, ...patch }));
  };
  const server = (path: string) => (error instanceof ApiError ? error.field(path) : undefined);
  const err = (field: string, ...paths: string[]) => {
    const key = local[field];
    return key ? t(key) : [field, ...paths].map(server).find(Boolean);
  };

  useEffect(() => {
    if (search.get("created")) setSearch({ created: null });
  }, [search]);
  // After a refused save, the first field in error gets the focus.
  useEffect(() => {
    if (error === undefined && Object.keys(local).length === 0) return;
    const first = document.querySelector<HTMLElement>('.campaign-form [aria-invalid="true"]');
    (first ?? document.querySelector<HTMLElement>(".campaign-form .form-error"))?.focus();
  }, [error, local]);
  // Leaving with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNotice("");
    setError(undefined);
    const found = check(draft);
    setLocal(found);
    if (Object.keys(found).length) return;
    const body = toBody(draft, zone);
    setSaving(true);
    try {
      if (!stored) {
        const made = await ok(client.POST("/api/v1/campaigns", { body }));
        return navigate(`/campaigns/${made.id}?created=1`, { replace: true });
      }
      await ok(client.PATCH("/api/v1/campaigns/{id}", { params: { path: { id: stored.id } }, body }));
      setSavedKey(JSON.stringify(body));
      setNotice(t("saved"));
      onSaved?.();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const saveButton = (
    <button type="submit" form="campaign-form" className="button button-primary" disabled={saving}>
      {saving ? t("saving") : stored ? t("saveDraft") : t("createDraft")}
    </button>
  );
  const hasFieldErrors =
    Object.keys(local).length > 0 || (error instanceof ApiError && !!error.problem.errors);
  return (
    <>
      <PageHeader
        title={stored ? stored.name : t("newTitle")}
        subtitle={
          stored ? t("draftSubtitle", { date: formatDate(locale, stored.createdAt) }) : t("newSubtitle")
        }
        actions={
          <>
            {dirty && stored && <span className="badge badge-mid unsaved-badge">{t("unsaved")}</span>}
            <Link to="/campaigns" className="button">
              {t("backToList")}
            </Link>
            {saveButton}
            {stored && (
              <CampaignActions
                campaign={stored}
                survey={storedSurvey}
                warnings={warnings}
                reload={() => onSaved?.()}
                holdLaunch={dirty ? t("saveBeforeLaunch") : undefined}
              />
            )}
          </>
        }
      />
      <div className="campaign-page">
        <form
          id="campaign-form"
          className="campaign-form campaign-main"
          onSubmit={(e) => void save(e)}
          noValidate
        >
          {(error !== undefined || Object.keys(local).length > 0) && (
            <div className="form-error" role="alert" tabIndex={-1}>
              {hasFieldErrors ? t("saveFailed") : t("saveError", { message: errorText(t, error) })}
              {!hasFieldErrors && <ErrorDetail error={error} />}
            </div>
          )}
          {notice && (
            <p className="form-ok" role="status">
              {notice}
            </p>
          )}
          <BasicsCard draft={draft} change={change} err={err} storedSurveyId={stored?.surveyId} />
          <Card title={t("section.audience")}>
            <AudienceFields
              draft={draft}
              change={change}
              campaignId={stored?.id}
              errors={{ filter: err("filter", "audience"), ids: err("ids", "audience.contactIds") }}
            />
          </Card>
          <ScheduleCard draft={draft} change={change} err={err} zone={zone} />
          <RemindersCard draft={draft} change={change} err={err} />
          <div className="campaign-save-bar">
            {dirty && stored && <span className="muted">{t("unsaved")}</span>}
            {saveButton}
          </div>
        </form>
        <aside className="campaign-side">
          {stored ? (
            <MailPanel campaignId={stored.id} version={stored.updatedAt} mayEdit />
          ) : (
            <Card title={t("preview.title")}>
              <p className="muted">{t("preview.saveFirst")}</p>
            </Card>
          )}
        </aside>
      </div>
    </>
  );
}

interface CardProps {
  draft: CampaignDraft;
  change: (patch: Partial<CampaignDraft>) => void;
  err: (field: string, ...paths: string[]) => string | undefined;
}

function BasicsCard({
  draft,
  change,
  err,
  storedSurveyId,
}: CardProps & { storedSurveyId?: string | undefined }) {
  const t = useT(editorMessages);
  const surveys = useSurveys();
  const touchpoints = useTouchpoints();
  const all = surveys.data?.data ?? [];
  const active = all.filter((s) => s.status === "active");
  // A saved draft's survey stays offered (and said to be inactive) even once it is no longer active.
  const current = all.find((s) => s.id === draft.surveyId && s.status !== "active");
  const offered = current ? [...active, current] : active;
  const inactive = all.length - active.length;
  const tps = (touchpoints.data?.data ?? []).filter((tp) => !tp.archived || tp.id === draft.touchpointId);
  return (
    <Card title={t("section.basics")}>
      <Field label={t("field.name")} hint={t("field.nameHint")} error={err("name")}>
        {(p) => (
          <input
            {...p}
            value={draft.name}
            maxLength={200}
            onChange={(e) => change({ name: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={t("field.survey")}
        error={err("surveyId")}
        hint={
          <>
            {t("survey.hint")} {inactive > 0 && t("survey.inactive", { n: inactive })}{" "}
            <Link to="/surveys">{t("survey.activate")}</Link>
          </>
        }
      >
        {(p) => (
          <select {...p} value={draft.surveyId} onChange={(e) => change({ surveyId: e.target.value })}>
            <option value="">{t("survey.choose")}</option>
            {offered.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {surveys.data && active.length === 0 && (
        <p className="campaign-blocked" role="note">
          {t("survey.none")} <Link to="/surveys/new">{t("survey.create")}</Link>
        </p>
      )}
      {current && draft.surveyId === storedSurveyId && (
        <p className="campaign-blocked" role="note">
          {t("survey.notActive", { name: current.name })}{" "}
          <Link to={`/surveys/${current.id}`}>{t("survey.activate")}</Link>
        </p>
      )}
      <Field label={t("field.touchpoint")} hint={t("touchpoint.hint")} error={err("touchpointId")}>
        {(p) => (
          <select
            {...p}
            value={draft.touchpointId}
            onChange={(e) => change({ touchpointId: e.target.value })}
          >
            <option value="">{t("touchpoint.none")}</option>
            {tps.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {tp.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </Card>
  );
}

function ScheduleCard({ draft, change, err, zone }: CardProps & { zone: string }) {
  const t = useT(editorMessages);
  const name = useId();
  const ws = useGet("/api/v1/workspace");
  const fatigue = ws.data?.settings.fatigue;
  return (
    <Card title={t("section.schedule")}>
      <fieldset className="campaign-choices">
        <legend>{t("schedule.legend")}</legend>
        {schedules.map((k) => (
          <label key={k} className="checkbox">
            <input
              type="radio"
              name={name}
              value={k}
              checked={draft.scheduleKind === k}
              onChange={() => change({ scheduleKind: k })}
            />
            {t(`schedule.${k}`)}
          </label>
        ))}
      </fieldset>
      {draft.scheduleKind === "at" && (
        <Field label={t("field.at", { zone })} error={err("at", "schedule")}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.at}
              onChange={(e) => change({ at: e.target.value })}
            />
          )}
        </Field>
      )}
      {draft.scheduleKind === "recurring" && (
        <div className="campaign-pair">
          <Field label={t("field.everyDays")} error={err("everyDays", "schedule.everyDays")}>
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={3650}
                value={draft.everyDays}
                onChange={(e) => change({ everyDays: e.target.value })}
              />
            )}
          </Field>
          <Field
            label={t("field.startAt", { zone })}
            hint={t("schedule.startHint")}
            error={err("startAt", "schedule.startAt")}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={draft.startAt}
                onChange={(e) => change({ startAt: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      {fatigue && fatigue.quietStart !== fatigue.quietEnd && (
        <p className="field-hint">
          {t("schedule.quiet", { start: fatigue.quietStart, end: fatigue.quietEnd })}
        </p>
      )}
    </Card>
  );
}

function RemindersCard({ draft, change, err }: CardProps) {
  const t = useT(editorMessages);
  return (
    <Card title={t("section.reminders")}>
      <div className="campaign-pair">
        <Field label={t("field.reminderCount")}>
          {(p) => (
            <select
              {...p}
              value={draft.reminderCount}
              onChange={(e) => change({ reminderCount: Number(e.target.value) as 0 | 1 | 2 })}
            >
              <option value={0}>{t("reminders.none")}</option>
              <option value={1}>{t("reminders.n", { n: 1 })}</option>
              <option value={2}>{t("reminders.n", { n: 2 })}</option>
            </select>
          )}
        </Field>
        {draft.reminderCount > 0 && (
          <Field label={t("field.afterDays")} error={err("afterDays", "reminders")}>
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={30}
                value={draft.afterDays}
                onChange={(e) => change({ afterDays: e.target.value })}
              />
            )}
          </Field>
        )}
      </div>
      <p className="field-hint">{t("reminders.hint")}</p>
    </Card>
  );
}
