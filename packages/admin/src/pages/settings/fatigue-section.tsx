// Fatigue rules tab (docs/FATIGUE.md): days between surveys, quiet hours, the fixed 24-hour floor, the
// workspace's time zone and language, and the order in which Koe applies the rules, with these values.
import type { FormEvent } from "react";
import { useGet } from "../../api/hooks.ts";
import type { CurrentWorkspace as Workspace } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { useSession, useSignedIn } from "../../session.tsx";
import { Loaded } from "../../ui/states.tsx";
import { FatigueFields, type FatigueValues } from "./fatigue-fields.tsx";
import { FormNote, SaveButton } from "./field.tsx";
import { checkDays, checkTime } from "./form-state.ts";
import { mergeMessages } from "./merge-messages.ts";
import { fatigueMessages, settingsMessages } from "./messages.ts";
import { canEditWorkspace } from "./roles.ts";
import { RulesCard } from "./rules-card.tsx";
import { useWorkspaceForm } from "./workspace-form.ts";
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
  const loaded = useGet("/api/v1/workspace");
  return <Loaded {...loaded}>{(ws) => <FatigueForm workspace={ws} />}</Loaded>;
}

function FatigueForm({ workspace }: { workspace: Workspace }) {
  const t = useT(messages);
  const session = useSignedIn();
  const { refreshSession } = useSession();
  const editable = canEditWorkspace(session.user.role);
  const { form, values, set, save } = useWorkspaceForm(workspace, valuesOf);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ws = await save(
      {
        "settings.fatigue.days": checkDays(values.days),
        "settings.fatigue.quietStart": checkTime(values.quietStart),
        "settings.fatigue.quietEnd": checkTime(values.quietEnd),
      },
      ({ days, quietStart, quietEnd, timeZone, defaultLocale }) => ({
        timeZone: timeZone ?? undefined,
        defaultLocale: defaultLocale ?? undefined,
        settings: { fatigue: { days: days == null ? days : Number(days), quietStart, quietEnd } },
      }),
    );
    // The session carries the zone dates are shown in and the default language: read it again.
    const was = session.workspace;
    if (ws && (ws.timeZone !== was.timeZone || ws.defaultLocale !== was.defaultLocale)) void refreshSession();
  };
  return (
    <div className="fatigue-layout">
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!editable} className="settings-fieldset stack">
          {!editable && <p className="settings-note">{t("form.readOnly")}</p>}
          <FatigueFields values={values} set={set} form={form} t={t} />
          {editable && (
            <div className="settings-actions">
              <FormNote form={form} t={t} shown={shown} />
              <SaveButton form={form} t={t} />
            </div>
          )}
        </fieldset>
      </form>
      <RulesCard values={values} t={t} />
    </div>
  );
}
