// Creating or editing a touchpoint, in a modal <dialog> over the page: name, kind, channel, team (with the
// teams already in use offered) and journey stage. The native dialog traps focus, closes on Escape and
// gives focus back to the button that opened it.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { channels, journeyStages, touchpointKinds, roleMay, type Role } from "@koe/server/shared";
import { ApiError, client, ok } from "../../api/client.ts";
import { errorText } from "../../error-text.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import type { Touchpoint } from "../../workspace-data.ts";
import { touchpointMessages } from "./messages.ts";

/** Who may create, edit and archive touchpoints: the server asks canEditTouchpoints. */
export const canEditTouchpoints = (role: Role) => roleMay(role, "editTouchpoints");

type Kind = Touchpoint["kind"];
type Channel = Touchpoint["channel"];
type Stage = NonNullable<Touchpoint["journeyStage"]>;

interface Draft {
  name: string;
  kind: Kind;
  channel: Channel;
  team: string;
  journeyStage: Stage | "";
}

const draftOf = (tp: Touchpoint | undefined): Draft => ({
  name: tp?.name ?? "",
  kind: tp?.kind ?? "product",
  channel: tp?.channel ?? "email",
  team: tp?.team ?? "",
  journeyStage: tp?.journeyStage ?? "",
});

export function TouchpointDialog({
  touchpoint,
  teams,
  onSaved,
  onClose,
}: {
  /** The one edited; none to create one. */
  touchpoint?: Touchpoint;
  /** The teams in use, offered as the team is typed. */
  teams: string[];
  onSaved: (tp: Touchpoint) => void;
  onClose: () => void;
}) {
  const t = useT(touchpointMessages);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const teamsId = useId();
  const [draft, setDraft] = useState(() => draftOf(touchpoint));
  const [nameCheck, setNameCheck] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = draft.name.trim();
    if (!name) return setNameCheck(t("form.nameRequired"));
    setNameCheck(undefined);
    setSaving(true);
    setFailure(undefined);
    const body = {
      name,
      kind: draft.kind,
      channel: draft.channel,
      team: draft.team.trim() || null,
      journeyStage: draft.journeyStage || null,
    };
    try {
      const saved = touchpoint
        ? await ok(
            client.PATCH("/api/v1/touchpoints/{id}", { params: { path: { id: touchpoint.id } }, body }),
          )
        : await ok(client.POST("/api/v1/touchpoints", { body }));
      onSaved(saved);
      ref.current?.close();
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };

  const duplicate = failure instanceof ApiError && failure.status === 409;
  const nameError = nameCheck ?? (duplicate ? t("form.nameTaken") : undefined);
  const fieldError = (path: string) => (failure instanceof ApiError ? failure.field(path) : undefined);
  return (
    <dialog
      ref={ref}
      className="tp-dialog"
      aria-labelledby={titleId}
      onClose={(e) => e.target === e.currentTarget && onClose()}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{touchpoint ? t("form.editTitle") : t("form.newTitle")}</h2>
        <Field label={t("form.name")} hint={t("form.nameHint")} error={nameError ?? fieldError("name")}>
          {(p) => (
            <input
              {...p}
              value={draft.name}
              maxLength={200}
              autoFocus
              onChange={(e) => set("name", e.target.value)}
            />
          )}
        </Field>
        <div className="tp-dialog-grid">
          <Field label={t("colKind")}>
            {(p) => (
              <select {...p} value={draft.kind} onChange={(e) => set("kind", e.target.value as Kind)}>
                {touchpointKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`tpKind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("colChannel")}>
            {(p) => (
              <select
                {...p}
                value={draft.channel}
                onChange={(e) => set("channel", e.target.value as Channel)}
              >
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {t(`channel.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("colTeam")} hint={t("form.teamHint")} error={fieldError("team")}>
            {(p) => (
              <>
                <input
                  {...p}
                  list={teamsId}
                  value={draft.team}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => set("team", e.target.value)}
                />
                <datalist id={teamsId}>
                  {teams.map((team) => (
                    <option key={team} value={team} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label={t("colStage")} hint={t("form.stageHint")}>
            {(p) => (
              <select
                {...p}
                value={draft.journeyStage}
                onChange={(e) => set("journeyStage", e.target.value as Stage | "")}
              >
                <option value="">{t("stage.none")}</option>
                {journeyStages.map((s) => (
                  <option key={s} value={s}>
                    {t(`stage.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {failure !== undefined && !duplicate && (
          <p className="form-error" role="alert">
            {t("form.failed", { message: errorText(t, failure) })}
            <ErrorDetail error={failure} />
          </p>
        )}
        <div className="tp-dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t("action.cancel")}
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving && <span className="spinner" aria-hidden="true" />}
            {saving ? t("state.saving") : touchpoint ? t("action.save") : t("form.create")}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The teams in use, for the team field's suggestions. */
export const teamsOf = (touchpoints: Touchpoint[] | undefined): string[] =>
  [...new Set((touchpoints ?? []).flatMap((tp) => (tp.team ? [tp.team] : [])))].sort();
