// The allow-list of sites that may embed survey pages: one https origin per row, checked here as the server
// checks it, saved whole (the server normalises each and shows what it kept).
import { useState, type FormEvent } from "react";
import { client, ok } from "../../api/client.ts";
import type { CurrentWorkspace as Workspace } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { errorFor, FormNote, SaveButton } from "./field.tsx";
import { checkOrigin, useForm, type Check } from "./form-state.ts";
import { mergeMessages } from "./merge-messages.ts";
import { embedMessages, settingsMessages } from "./messages.ts";
import type { WorkspaceFormProps } from "./workspace-section.tsx";

const messages = mergeMessages(settingsMessages, embedMessages);
/** As the server allows (MAX_EMBED_ORIGINS). */
const MAX = 20;
const path = (i: number) => `settings.embed.origins.${i}`;

export function EmbedForm({ workspace, editable, onSaved }: WorkspaceFormProps) {
  const t = useT(messages);
  const form = useForm();
  const [rows, setRows] = useState<string[]>(() => rowsOf(workspace));
  const edit = (next: string[]) => {
    form.edited();
    setRows(next);
  };
  // What is sent: the filled rows, in order; a row's errors are those of its place in that list.
  const filled = rows.map((r) => r.trim()).filter((r) => r !== "");
  const sentIndex = (row: number) =>
    rows[row]!.trim() === "" ? -1 : rows.slice(0, row).filter((r) => r.trim() !== "").length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checks: Record<string, Check> = Object.fromEntries(filled.map((o, i) => [path(i), checkOrigin(o)]));
    const ws = await form.submit(checks, () =>
      ok(client.PATCH("/api/v1/workspace", { body: { settings: { embed: { origins: filled } } } })),
    );
    if (!ws) return;
    setRows(rowsOf(ws));
    onSaved(ws);
  };

  return (
    <Card title={t("embed.title")}>
      <p className="settings-lead">{t("embed.lead")}</p>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!editable} className="settings-fieldset">
          {!editable && <p className="settings-note embed-note">{t("form.readOnly")}</p>}
          {!editable && filled.length === 0 ? (
            <p className="muted">{t("embed.none")}</p>
          ) : (
            <ol className="embed-origins">
              {rows.map((value, row) => {
                const at = sentIndex(row);
                const error = at < 0 ? undefined : errorFor(form, t, path(at));
                const label = t("embed.site", { n: row + 1 });
                return (
                  <li key={row} className="embed-origin">
                    <div className="embed-origin-row">
                      <input
                        type="url"
                        inputMode="url"
                        spellCheck={false}
                        autoComplete="off"
                        aria-label={label}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `embed-origin-error-${row}` : "embed-origins-hint"}
                        placeholder="https://www.example.com"
                        value={value}
                        onChange={(e) => edit(rows.map((r, i) => (i === row ? e.target.value : r)))}
                      />
                      {editable && (
                        <button
                          type="button"
                          className="button button-quiet button-small embed-remove"
                          aria-label={t("embed.remove", { site: value.trim() || label })}
                          title={t("embed.remove", { site: value.trim() || label })}
                          onClick={() => edit(rows.length > 1 ? rows.filter((_, i) => i !== row) : [""])}
                        >
                          ✕
                        </button>
                      )}
                    </div>
                    {error && (
                      <span className="field-error" id={`embed-origin-error-${row}`}>
                        {error}
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          {editable && (
            <>
              <div className="embed-add">
                <button
                  type="button"
                  className="button button-small"
                  disabled={rows.length >= MAX}
                  onClick={() => edit([...rows, ""])}
                >
                  + {t("embed.add")}
                </button>
                {rows.length >= MAX && <span className="field-hint">{t("embed.full", { max: MAX })}</span>}
              </div>
              <p className="field-hint embed-hint" id="embed-origins-hint">
                {t("embed.hint", { max: MAX })}
              </p>
              <div className="settings-actions">
                <FormNote form={form} t={t} shown={["settings.embed"]} saved={t("embed.saved")} />
                <SaveButton form={form} t={t} />
              </div>
            </>
          )}
        </fieldset>
      </form>
    </Card>
  );
}

/** The saved origins as rows; one empty row to type into when there are none. */
const rowsOf = (ws: Workspace): string[] =>
  ws.settings.embed.origins.length > 0 ? [...ws.settings.embed.origins] : [""];
