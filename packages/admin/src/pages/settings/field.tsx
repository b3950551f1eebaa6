// The note under a settings form that says it saved or why it did not, its save button, and field errors
// in the reader's language.
import type { ReactNode } from "react";
import { ApiError } from "../../api/client.ts";
import { errorText } from "../../error-text.ts";
import type { Translate } from "../../i18n/i18n.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { serverFieldError, type FormState } from "./form-state.ts";
import type { settingsMessages } from "./messages.ts";

export type SettingsT = Translate<keyof typeof settingsMessages.en>;

/** A field's error: our own check in the reader's language, else the server's word for it. */
export function errorFor(form: FormState, t: SettingsT, path: string): string | undefined {
  const check = form.checks[path];
  return check ? t(check.key, check.params) : serverFieldError(form, path);
}

/**
 * Saved, or why not. A refusal naming fields points at them; one naming fields this form does not show
 * (`shown` lists the ones it does) is spelt out here, so no error is ever hidden.
 */
export function FormNote({
  form,
  t,
  shown,
  saved,
  conflict,
}: {
  form: FormState;
  t: SettingsT;
  shown: string[];
  saved?: string;
  conflict?: string;
}) {
  if (form.saving) return null;
  if (form.ok)
    return (
      <p className="form-ok" role="status">
        {saved ?? t("state.saved")}
      </p>
    );
  const hasChecks = Object.keys(form.checks).length > 0;
  const error = form.error;
  if (!hasChecks && !error) return null;
  let text: ReactNode = t("form.invalid");
  if (!hasChecks && error instanceof ApiError) {
    const fields = error.problem.errors ?? [];
    const hidden = fields.filter((f) => !shown.some((p) => f.path === p || f.path.startsWith(`${p}.`)));
    if (error.status === 403) text = t("form.forbidden");
    else if (error.status === 409 && conflict)
      text = (
        <>
          {conflict}{" "}
          <span className="settings-server-detail" lang="en">
            ({error.message})
          </span>
        </>
      );
    else if (fields.length === 0) text = failed(t, error);
    else if (hidden.length > 0)
      text = t("form.failed", { message: hidden.map((f) => `${f.path}: ${f.message}`).join("; ") });
  } else if (!hasChecks && error) text = failed(t, error);
  return (
    <p className="form-error" role="alert">
      {text}
    </p>
  );
}

/** A refusal with no field to point at: ours by its status, the server's words under it. */
const failed = (t: SettingsT, error: Error) => (
  <>
    {t("form.failed", { message: errorText(t, error) })}
    <ErrorDetail error={error} />
  </>
);

/** A settings form's submit button, which says so while the form saves. */
export function SaveButton({ form, t }: { form: FormState; t: SettingsT }) {
  return (
    <button type="submit" className="button button-primary" disabled={form.saving}>
      {form.saving ? t("state.saving") : t("action.save")}
    </button>
  );
}
