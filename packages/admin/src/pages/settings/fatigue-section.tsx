// Fatigue rules tab (docs/FATIGUE.md): days between surveys, quiet hours, the fixed 24-hour floor, the
// workspace's time zone and language, and the order in which Koe applies the rules, with these values.
import { useState, type FormEvent } from "react";
import type { Workspace } from "../../../../server/src/domain/workspaces/workspace-settings.ts";
import { api, useApi } from "../../api.ts";
import { useT } from "../../i18n/i18n.tsx";
import { useSignedIn } from "../../session.tsx";
import { Loaded } from "../../ui/states.tsx";
import { FatigueFields, type FatigueValues } from "./fatigue-fields.tsx";
import { FormNote } from "./field.tsx";
import { changedFields, checkDays, checkTime, useForm } from "./form-state.ts";
import { mergeMessages } from "./merge-messages.ts";
import { fatigueMessages, settingsMessages } from "./messages.ts";
import { canEditWorkspace } from "./roles.ts";
import { RulesCard } from "./rules-card.tsx";
import "./fatigue.css";

const messages = mergeMessages(settingsMessages, fatigueMessages);
const shown = ["settings.fatigue", "timeZone", "defaultLocale"];

const valuesOf = (ws: Workspace): FatigueValues => ({
  days: String(ws.settings.fatigue.days),
  quietStart: ws.settings.fatigue.quietStart,
  quietEnd: ws.settings.fatigue.quietEnd,
  timeZone: ws.timeZone,
  defaultLocale: ws.defaultLocale,
});

export function FatigueSection() {
  const loaded = useApi<Workspace>("/workspace");
  return <Loaded {...loaded}>{(ws) => <FatigueForm workspace={ws} />}</Loaded>;
}

function FatigueForm({ workspace }: { workspace: Workspace }) {
  const t = useT(messages);
  const editable = canEditWorkspace(useSignedIn().user.role);
  const form = useForm();
  const [loaded, setLoaded] = useState(() => valuesOf(workspace));
  const [values, setValues] = useState(loaded);
  const set = (key: keyof FatigueValues, value: string) => {
    form.edited();
    setValues((v) => ({ ...v, [key]: value }));
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const { days, quietStart, quietEnd, timeZone, defaultLocale } = changedFields(loaded, values);
    const fatigue = { days: days == null ? days : Number(days), quietStart, quietEnd };
    const ws = await form.submit(
      {
        "settings.fatigue.days": checkDays(values.days),
        "settings.fatigue.quietStart": checkTime(values.quietStart),
        "settings.fatigue.quietEnd": checkTime(values.quietEnd),
      },
      () =>
        api<Workspace>("/workspace", {
          method: "PATCH",
          body: {
            timeZone: timeZone ?? undefined,
            defaultLocale: defaultLocale ?? undefined,
            settings: { fatigue },
          },
        }),
    );
    if (!ws) return;
    const next = valuesOf(ws);
    setLoaded(next);
    setValues(next);
  };
  return (
    <div className="fatigue-layout">
      <form onSubmit={save} noValidate>
        <fieldset disabled={!editable} className="settings-fieldset stack">
          {!editable && <p className="settings-note">{t("form.readOnly")}</p>}
          <FatigueFields values={values} set={set} form={form} t={t} />
          {editable && (
            <div className="settings-actions">
              <FormNote form={form} t={t} shown={shown} />
              <button type="submit" className="button button-primary" disabled={form.saving}>
                {form.saving ? t("state.saving") : t("action.save")}
              </button>
            </div>
          )}
        </fieldset>
      </form>
      <RulesCard values={values} t={t} />
    </div>
  );
}
