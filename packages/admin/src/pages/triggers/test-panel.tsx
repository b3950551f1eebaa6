// "Test with a sample event": the person writes an event as their system would post it, and sees whether
// the trigger as it stands in the form would fire for it, and why not. The server only reads: nothing is
// saved or sent (POST /api/v1/triggers/test).
import { useState, type FormEvent } from "react";
import { ApiError, client, ok } from "../../api/client.ts";
import { errorText } from "../../error-text.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import type { Touchpoint } from "../../workspace-data.ts";
import { sampleMetadata } from "./condition-rows.ts";
import { DryRunResult } from "./dry-run-result.tsx";
import { triggerMessages } from "./messages.ts";
import type { Conditions, TriggerDraftBody, TriggerDryRun } from "./trigger-types.ts";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export function TestPanel({
  draft,
  eventType,
  conditions,
  touchpoints,
}: {
  /** The trigger as the form says it; undefined while incomplete. */
  draft: () => TriggerDraftBody["trigger"] | undefined;
  /** The form's event name: the sample's until the person writes another. */
  eventType: string;
  conditions: Conditions | undefined;
  touchpoints: Touchpoint[];
}) {
  const t = useT(triggerMessages);
  const [type, setType] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [externalId, setExternalId] = useState("");
  const [touchpointId, setTouchpointId] = useState("");
  const [metadata, setMetadata] = useState(() => pretty(sampleMetadata(conditions ?? {})));
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<{ dryRun: TriggerDryRun; expected: string; actual: string }>();
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<unknown>();

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setFailure(undefined);
    const trigger = draft();
    if (!trigger) return setProblem(t("test.fixForm"));
    let meta: unknown;
    try {
      meta = JSON.parse(metadata.trim() || "{}");
    } catch {
      meta = undefined;
    }
    if (typeof meta !== "object" || meta === null || Array.isArray(meta))
      return setProblem(t("test.metadataInvalid"));
    const event = {
      type: (type ?? eventType).trim(),
      contact: {
        ...(email.trim() && { email: email.trim() }),
        ...(externalId.trim() && { externalId: externalId.trim() }),
      },
      ...(touchpointId && { touchpointId }),
      metadata: meta as Record<string, string | number | boolean | null>,
    };
    setRunning(true);
    try {
      const dryRun = await ok(client.POST("/api/v1/triggers/test", { body: { trigger, event } }));
      setResult({ dryRun, expected: trigger.eventType, actual: event.type });
    } catch (err) {
      setResult(undefined);
      setFailure(err);
    } finally {
      setRunning(false);
    }
  };

  const field = (path: string) => (failure instanceof ApiError ? failure.field(path) : undefined);
  return (
    <Card title={t("test.title")} className="trigger-test">
      <p className="muted">{t("test.lead")}</p>
      <form onSubmit={run} noValidate>
        <Field label={t("test.type")} error={field("event.type")}>
          {(p) => (
            <input
              {...p}
              value={type ?? eventType}
              spellCheck={false}
              autoCapitalize="off"
              onChange={(e) => setType(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("test.email")} hint={t("test.contactHint")} error={field("event.contact.email")}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={email}
              autoComplete="off"
              placeholder="hanako@example.jp"
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("test.externalId")} error={field("event.contact.externalId")}>
          {(p) => <input {...p} value={externalId} onChange={(e) => setExternalId(e.target.value)} />}
        </Field>
        <Field label={t("test.touchpoint")}>
          {(p) => (
            <select {...p} value={touchpointId} onChange={(e) => setTouchpointId(e.target.value)}>
              <option value="">{t("form.touchpointNone")}</option>
              {touchpoints.map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {tp.archived ? t("form.archived", { name: tp.name }) : tp.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("test.metadata")} hint={t("test.metadataHint")} error={field("event.metadata")}>
          {(p) => (
            <textarea
              {...p}
              rows={6}
              spellCheck={false}
              value={metadata}
              onChange={(e) => setMetadata(e.target.value)}
            />
          )}
        </Field>
        <div className="trigger-actions">
          <button type="submit" className="button button-primary" disabled={running}>
            {running && <span className="spinner" aria-hidden="true" />}
            {running ? t("test.running") : t("test.run")}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setMetadata(pretty(sampleMetadata(conditions ?? {})))}
            disabled={!conditions}
          >
            {t("test.fill")}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        {failure !== undefined && (
          <p className="form-error" role="alert">
            {t("test.failed", { message: errorText(t, failure) })}
            <ErrorDetail error={failure} />
          </p>
        )}
        {result && !running && (
          <DryRunResult
            result={result.dryRun}
            eventTypes={{ expected: result.expected, actual: result.actual }}
            touchpoints={touchpoints}
          />
        )}
      </div>
    </Card>
  );
}
