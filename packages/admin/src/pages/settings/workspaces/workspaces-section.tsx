// Settings › Workspaces, for an instance owner: every workspace of the installation with its language,
// flags and the owner's role in it; rename in place, delete after a dialog that names what goes with it,
// create one, and remove the demo. The workspace shapes are typed here from the API's answers.
import { useState, type FormEvent } from "react";
import { client, ok } from "../../../api/client.ts";
import { useGet } from "../../../api/hooks.ts";
import type { components } from "../../../api/schema.gen.ts";
import { errorDetail, errorText } from "../../../error-text.ts";
import { formatDate } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../i18n/i18n.tsx";
import { BASE } from "../../../router.tsx";
import { useSession, useSignedIn } from "../../../session.tsx";
import { ConfirmDialog } from "../../../ui/confirm-dialog.tsx";
import { Field } from "../../../ui/field.tsx";
import { Card } from "../../../ui/layout-parts.tsx";
import { Loaded } from "../../../ui/states.tsx";
import { settingsMessages } from "../messages.ts";
import { workspacesMessages } from "./messages.ts";
import "./workspaces.css";

/** GET /api/v1/workspaces: one workspace, with the caller's role in it (null: not a member). */
type Workspace = components["schemas"]["Workspace"];
/** GET /api/v1/workspaces/{id}: what deleting it deletes. */
type WorkspaceDetail = components["schemas"]["WorkspaceDetail"];

export function WorkspacesSection() {
  const t = useT(workspacesMessages);
  const { refreshSession } = useSession();
  const list = useGet("/api/v1/workspaces", { params: { query: { limit: 1000 } } });
  // A change to the list changes the switcher too.
  const changed = () => {
    list.reload();
    void refreshSession();
  };
  return (
    <div className="stack workspaces-settings">
      <Card title={t("list.title")}>
        <p className="settings-lead">{t("list.lead")}</p>
        <Loaded {...list}>
          {(page) => (
            <div className="table-wrap">
              <table className="settings-table">
                <thead>
                  <tr>
                    <th scope="col">{t("col.name")}</th>
                    <th scope="col">{t("col.language")}</th>
                    <th scope="col">{t("col.role")}</th>
                    <th scope="col">{t("col.created")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("col.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((w) => (
                    <WorkspaceRow key={w.id} workspace={w} onChanged={changed} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Card>
      <NewWorkspace onCreated={changed} />
      {list.data && <DemoCard demos={list.data.data.filter((w) => w.isDemo)} onRemoved={changed} />}
    </div>
  );
}

function WorkspaceRow({ workspace, onChanged }: { workspace: Workspace; onChanged: () => void }) {
  const t = useT(workspacesMessages);
  const ts = useT(settingsMessages);
  const tc = useT();
  const { locale } = useLocale();
  const session = useSignedIn();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(workspace.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ lead: string; detail?: string | undefined }>();
  const [detail, setDetail] = useState<WorkspaceDetail>();
  const [asking, setAsking] = useState(false);
  const fail = (key: "rename.failed" | "delete.failed", e: unknown) =>
    setError({ lead: t(key, { name: workspace.name, message: errorText(tc, e) }), detail: errorDetail(e) });
  const rename = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await ok(
        client.PATCH("/api/v1/workspaces/{id}", {
          params: { path: { id: workspace.id } },
          body: { name: name.trim() },
        }),
      );
      setRenaming(false);
      onChanged();
    } catch (err) {
      fail("rename.failed", err);
    } finally {
      setBusy(false);
    }
  };
  // The dialog names what goes, so the counts are read when it opens.
  const ask = async () => {
    setError(undefined);
    setAsking(true);
    setDetail(undefined);
    try {
      setDetail(await ok(client.GET("/api/v1/workspaces/{id}", { params: { path: { id: workspace.id } } })));
    } catch (err) {
      setAsking(false);
      fail("delete.failed", err);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await ok(client.DELETE("/api/v1/workspaces/{id}", { params: { path: { id: workspace.id } } }));
      // The session was in it: the server moved it; the page shown belonged to the deleted workspace.
      if (workspace.id === session.workspace.id) location.assign(`${BASE}/`);
      else onChanged();
    } catch (err) {
      fail("delete.failed", err);
      setBusy(false);
    }
  };
  const c = detail?.contents;
  return (
    <>
      <tr>
        <td>
          {renaming ? (
            <form className="workspace-rename" onSubmit={(e) => void rename(e)}>
              <Field label={t("rename.label", { name: workspace.name })}>
                {(p) => (
                  <input
                    {...p}
                    value={name}
                    maxLength={200}
                    required
                    onChange={(e) => setName(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="button button-small" disabled={busy || !name.trim()}>
                {t("rename.save")}
              </button>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  setRenaming(false);
                  setName(workspace.name);
                }}
              >
                {t("rename.cancel")}
              </button>
            </form>
          ) : (
            <>
              <span className="workspace-row-name">{workspace.name}</span>{" "}
              {workspace.isDefault && <span className="badge badge-quiet">{t("flag.default")}</span>}
              {workspace.isDemo && <span className="badge badge-demo">{t("flag.demo")}</span>}
            </>
          )}
        </td>
        <td>{t(`lang.${workspace.defaultLocale}`)}</td>
        <td>{workspace.role ? ts(`role.${workspace.role}`) : t("role.none")}</td>
        <td>{formatDate(locale, workspace.createdAt)}</td>
        <td className="cell-actions">
          {!renaming && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setRenaming(true)}
            >
              {t("rename")}
            </button>
          )}
          <button
            type="button"
            className="button button-danger button-small"
            disabled={busy || workspace.isDefault}
            title={workspace.isDefault ? t("delete.default") : undefined}
            onClick={() => void ask()}
          >
            {t("delete")}
          </button>
          <ConfirmDialog
            open={asking && c !== undefined}
            title={t("delete.question", { name: workspace.name })}
            body={c ? t("delete.body", { ...c }) : t("delete.loading", { name: workspace.name })}
            confirmLabel={t("delete.yes")}
            cancelLabel={t("rename.cancel")}
            danger
            onConfirm={() => void remove()}
            onClose={() => setAsking(false)}
          />
        </td>
      </tr>
      {error && (
        <tr className="row-error">
          <td colSpan={5} role="alert">
            {error.lead}
            {error.detail && <span className="error-detail"> {error.detail}</span>}
          </td>
        </tr>
      )}
    </>
  );
}

function NewWorkspace({ onCreated }: { onCreated: () => void }) {
  const t = useT(workspacesMessages);
  const tc = useT();
  const { locale } = useLocale();
  const [name, setName] = useState("");
  const [language, setLanguage] = useState<"ja" | "en">(locale);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string; detail?: string | undefined }>();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = name.trim();
    if (!wanted || wanted.length > 200) {
      setNote({ ok: false, text: t("new.nameRequired") });
      return;
    }
    setBusy(true);
    setNote(undefined);
    try {
      const made = await ok(
        client.POST("/api/v1/workspaces", { body: { name: wanted, defaultLocale: language } }),
      );
      setName("");
      setNote({ ok: true, text: t("new.created", { name: made.name }) });
      onCreated();
    } catch (err) {
      setNote({
        ok: false,
        text: t("new.failed", { message: errorText(tc, err) }),
        detail: errorDetail(err),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("new.title")}>
      <p className="settings-lead">{t("new.lead")}</p>
      <form className="settings-pair" onSubmit={(e) => void create(e)} noValidate>
        <Field label={t("new.name")}>
          {(p) => <input {...p} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t("new.language")}>
          {(p) => (
            <select {...p} value={language} onChange={(e) => setLanguage(e.target.value as "ja" | "en")}>
              <option value="ja">{t("lang.ja")}</option>
              <option value="en">{t("lang.en")}</option>
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t("new.create")}
          </button>
        </div>
      </form>
      {note && (
        <p role={note.ok ? "status" : "alert"} className={note.ok ? "settings-note" : "form-error"}>
          {note.text}
          {note.detail && <span className="error-detail"> {note.detail}</span>}
        </p>
      )}
    </Card>
  );
}

function DemoCard({ demos, onRemoved }: { demos: Workspace[]; onRemoved: () => void }) {
  const t = useT(workspacesMessages);
  const tc = useT();
  const session = useSignedIn();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ text: string; detail?: string | undefined }>();
  const names = demos.map((d) => `「${d.name}」`).join("");
  const remove = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await ok(client.DELETE("/api/v1/demo-workspaces"));
      // A session in a demo was moved to the user's own workspace: open it afresh.
      if (session.workspace.isDemo) location.assign(`${BASE}/`);
      else onRemoved();
    } catch (err) {
      setFailure({ text: t("demo.failed", { message: errorText(tc, err) }), detail: errorDetail(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("demo.title")}>
      {demos.length === 0 ? (
        <p className="settings-note">{t("demo.none")}</p>
      ) : (
        <>
          <p className="settings-lead">{t("demo.lead", { names })}</p>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => setAsking(true)}
          >
            {t("demo.remove")}
          </button>
          <ConfirmDialog
            open={asking}
            title={t("demo.question", { names })}
            body={t("demo.body")}
            confirmLabel={t("demo.yes")}
            cancelLabel={t("rename.cancel")}
            danger
            onConfirm={() => void remove()}
            onClose={() => setAsking(false)}
          />
          {failure && (
            <p role="alert" className="form-error">
              {failure.text}
              {failure.detail && <span className="error-detail"> {failure.detail}</span>}
            </p>
          )}
        </>
      )}
    </Card>
  );
}
