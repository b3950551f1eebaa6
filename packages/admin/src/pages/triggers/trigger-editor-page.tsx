// One trigger, new or saved: its rule (name, event, survey, touchpoint, delay, active), its conditions, and
// a test against a sample event that says whether it would fire and why not, sending nothing.
import { useState, type FormEvent } from "react";
import { roleMay } from "@koe/server/shared";
import { ApiError, client, ok } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import { errorText } from "../../error-text.ts";
import { useT } from "../../i18n/i18n.tsx";
import { useRecordTitle } from "../../record-title.tsx";
import { Link, navigate } from "../../router.tsx";
import type { PageProps } from "../../routes.ts";
import { useSignedIn } from "../../session.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { Field } from "../../ui/field.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { Empty, ErrorDetail, Loaded } from "../../ui/states.tsx";
import { useSurveys, useTouchpoints } from "../../workspace-data.ts";
import {
  conditionsState,
  ConditionsEditor,
  readConditions,
  type ConditionsState,
} from "./conditions-editor.tsx";
import { delayParts, delayUnits, MAX_DELAY_SECONDS, unitSeconds, type DelayUnit } from "./delay.ts";
import { triggerMessages } from "./messages.ts";
import { TestPanel } from "./test-panel.tsx";
import type { Trigger, TriggerDraftBody } from "./trigger-types.ts";
import "./triggers.css";

export default function TriggerEditorPage({ params }: PageProps) {
  const t = useT(triggerMessages);
  const id = params.id;
  const trigger = useGet(id ? "/api/v1/triggers/{id}" : null, { params: { path: { id: id ?? "" } } });
  useRecordTitle(id ? trigger.data?.name : t("newTitle"));
  if (!id) return <Editor />;
  if (trigger.error instanceof ApiError && (trigger.error.status === 404 || trigger.error.status === 422))
    return (
      <>
        <BackLink />
        <Empty>{t("notFound")}</Empty>
      </>
    );
  return <Loaded {...trigger}>{(tr) => <Editor key={tr.id} trigger={tr} />}</Loaded>;
}

function BackLink() {
  const t = useT(triggerMessages);
  return (
    <Link to="/triggers" className="trigger-back">
      ← {t("back")}
    </Link>
  );
}

interface Form {
  name: string;
  eventType: string;
  surveyId: string;
  touchpointId: string;
  delay: string;
  unit: DelayUnit;
  active: boolean;
}

const formOf = (tr: Trigger | undefined): Form => {
  const { n, unit } = delayParts(tr?.delaySeconds ?? 0);
  return {
    name: tr?.name ?? "",
    eventType: tr?.eventType ?? "",
    surveyId: tr?.surveyId ?? "",
    touchpointId: tr?.touchpointId ?? "",
    delay: String(n),
    unit,
    active: tr?.active ?? true,
  };
};

type Check = "check.required" | "check.eventType" | "check.delay";

function checksOf(f: Form): Partial<Record<keyof Form, Check>> {
  const delay = Number(f.delay);
  return {
    ...(!f.name.trim() && { name: "check.required" as const }),
    ...(!f.eventType.trim()
      ? { eventType: "check.required" as const }
      : /\s/.test(f.eventType.trim()) && { eventType: "check.eventType" as const }),
    ...(!f.surveyId && { surveyId: "check.required" as const }),
    ...((!/^\d+$/.test(f.delay.trim()) || delay * unitSeconds[f.unit] > MAX_DELAY_SECONDS) && {
      delay: "check.delay" as const,
    }),
  };
}

function Editor({ trigger }: { trigger?: Trigger }) {
  const t = useT(triggerMessages);
  const mayEdit = roleMay(useSignedIn().user.role, "editSurveys");
  const surveys = useSurveys().data?.data ?? [];
  const touchpoints = useTouchpoints().data?.data ?? [];
  const [form, setForm] = useState(() => formOf(trigger));
  const [cond, setCond] = useState<ConditionsState>(() => conditionsState(trigger?.conditions ?? {}));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [deleting, setDeleting] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<unknown>();

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const checks = tried ? checksOf(form) : {};
  const server = (path: string) => (failure instanceof ApiError ? failure.field(path) : undefined);
  const errorOf = (key: keyof Form, path: string = key) => {
    const check = checks[key];
    return check ? t(check) : server(path);
  };

  /** The trigger as the form says it, or undefined while the form is not complete. */
  const draft = (): TriggerDraftBody["trigger"] | undefined => {
    const conditions = readConditions(cond).conditions;
    if (!conditions || Object.keys(checksOf({ ...form, name: form.name || "x" })).length) return undefined;
    return {
      name: form.name.trim() || undefined,
      eventType: form.eventType.trim(),
      surveyId: form.surveyId,
      touchpointId: form.touchpointId || null,
      delaySeconds: Number(form.delay) * unitSeconds[form.unit],
      conditions,
      active: form.active,
    };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setSaved(false);
    const read = readConditions(cond);
    const body = draft();
    if (Object.keys(checksOf(form)).length || !read.conditions || !body) return;
    setSaving(true);
    setFailure(undefined);
    const full = { ...body, name: form.name.trim() };
    try {
      if (trigger) {
        await ok(client.PATCH("/api/v1/triggers/{id}", { params: { path: { id: trigger.id } }, body: full }));
        setSaved(true);
      } else {
        const created = await ok(client.POST("/api/v1/triggers", { body: full }));
        navigate(`/triggers/${created.id}`, { replace: true });
      }
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!trigger) return;
    setDeleteFailure(undefined);
    try {
      await ok(client.DELETE("/api/v1/triggers/{id}", { params: { path: { id: trigger.id } } }));
      navigate("/triggers");
    } catch (err) {
      setDeleteFailure(err);
    }
  };

  const survey = surveys.find((s) => s.id === form.surveyId);
  // An archived touchpoint is offered only when the trigger already has it.
  const choosable = touchpoints.filter((tp) => !tp.archived || tp.id === trigger?.touchpointId);
  const conditionsError = server("conditions");
  const surveyNotActive =
    failure instanceof ApiError && failure.problem.type === "urn:koe:problem:survey-not-active";
  return (
    <>
      <BackLink />
      <PageHeader title={trigger ? trigger.name : t("newTitle")} subtitle={t("subtitle")} />
      {!mayEdit && <p className="muted">{t("readOnly")}</p>}
      <div className="trigger-layout">
        <Card title={t("form.rule")}>
          <form className="trigger-form" onSubmit={submit} noValidate>
            <fieldset disabled={!mayEdit || saving}>
              <div className="trigger-grid">
                <Field label={t("form.name")} hint={t("form.nameHint")} error={errorOf("name")}>
                  {(p) => (
                    <input
                      {...p}
                      value={form.name}
                      maxLength={200}
                      onChange={(e) => set("name", e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  label={t("form.eventType")}
                  hint={t("form.eventTypeHint")}
                  error={errorOf("eventType")}
                >
                  {(p) => (
                    <input
                      {...p}
                      value={form.eventType}
                      maxLength={100}
                      spellCheck={false}
                      autoCapitalize="off"
                      placeholder="order.delivered"
                      onChange={(e) => set("eventType", e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  label={t("form.survey")}
                  hint={survey && survey.status !== "active" ? t("surveyNotActive") : t("form.surveyHint")}
                  error={errorOf("surveyId")}
                >
                  {(p) => (
                    <select {...p} value={form.surveyId} onChange={(e) => set("surveyId", e.target.value)}>
                      <option value="">{t("form.surveyChoose")}</option>
                      {surveys.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  label={t("form.touchpoint")}
                  hint={t("form.touchpointHint")}
                  error={server("touchpointId")}
                >
                  {(p) => (
                    <select
                      {...p}
                      value={form.touchpointId}
                      onChange={(e) => set("touchpointId", e.target.value)}
                    >
                      <option value="">{t("form.touchpointNone")}</option>
                      {choosable.map((tp) => (
                        <option key={tp.id} value={tp.id}>
                          {tp.archived ? t("form.archived", { name: tp.name }) : tp.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  label={t("form.delay")}
                  hint={t("form.delayHint")}
                  error={errorOf("delay", "delaySeconds")}
                >
                  {(p) => (
                    <div className="trigger-delay">
                      <input
                        {...p}
                        inputMode="numeric"
                        value={form.delay}
                        onChange={(e) => set("delay", e.target.value)}
                      />
                      <select
                        aria-label={t("form.delayUnit")}
                        value={form.unit}
                        onChange={(e) => set("unit", e.target.value as DelayUnit)}
                      >
                        {delayUnits.map((u) => (
                          <option key={u} value={u}>
                            {t(`unit.${u}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                </Field>
                <div className="field">
                  <span aria-hidden="true">&nbsp;</span>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={form.active}
                      onChange={(e) => set("active", e.target.checked)}
                    />
                    {t("form.active")}
                  </label>
                </div>
              </div>
              <ConditionsEditor
                state={cond}
                onChange={(s) => {
                  setSaved(false);
                  setCond(s);
                }}
                touchpoints={touchpoints}
                showProblems={tried}
                serverError={conditionsError}
                disabled={!mayEdit || saving}
              />
            </fieldset>
            {failure !== undefined && (
              <p className="form-error" role="alert">
                {surveyNotActive
                  ? t("reason.survey_not_active")
                  : failure instanceof ApiError && failure.status === 422
                    ? t("form.invalid")
                    : t("form.failed", { message: errorText(t, failure) })}
                <ErrorDetail error={failure} />
              </p>
            )}
            {tried && !failure && Object.keys(checksOf(form)).length > 0 && (
              <p className="form-error" role="alert">
                {t("form.invalid")}
              </p>
            )}
            {saved && (
              <p className="form-ok" role="status">
                {t("form.saved")}
              </p>
            )}
            {mayEdit && (
              <div className="trigger-actions">
                <button type="submit" className="button button-primary" disabled={saving}>
                  {saving && <span className="spinner" aria-hidden="true" />}
                  {saving ? t("state.saving") : trigger ? t("form.save") : t("form.create")}
                </button>
                <span className="spacer" />
                {trigger && (
                  <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
                    {t("delete.button")}
                  </button>
                )}
              </div>
            )}
            {deleteFailure !== undefined && (
              <p className="form-error" role="alert">
                {t("delete.failed", { message: errorText(t, deleteFailure) })}
                <ErrorDetail error={deleteFailure} />
              </p>
            )}
          </form>
          {trigger && (
            <ConfirmDialog
              open={deleting}
              title={t("delete.title", { name: trigger.name })}
              body={t("delete.body")}
              confirmLabel={t("action.delete")}
              cancelLabel={t("action.cancel")}
              danger
              onConfirm={() => void remove()}
              onClose={() => setDeleting(false)}
            />
          )}
        </Card>
        <TestPanel
          draft={draft}
          eventType={form.eventType.trim()}
          conditions={readConditions(cond).conditions}
          touchpoints={touchpoints}
        />
      </div>
    </>
  );
}
