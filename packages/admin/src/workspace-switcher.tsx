// The shell's workspace: its name, a switcher among the user's workspaces (with their role in each), and
// on a demo workspace a badge and one click to the user's own workspace. Switching moves the session
// (POST /session/workspace) and opens the overview afresh: the page shown belonged to the other workspace.
import { useState } from "react";
import { client, ok } from "./api/client.ts";
import { useT } from "./i18n/i18n.tsx";
import { workspaceMessages } from "./i18n/messages/workspace.ts";
import { BASE } from "./router.tsx";
import { useSignedIn, type MemberWorkspace } from "./session.tsx";
import "./workspace-switcher.css";

/** The workspace "go to my workspace" opens: the default one, else any that is not a demo. */
export function ownWorkspace(workspaces: readonly MemberWorkspace[]): MemberWorkspace | undefined {
  return workspaces.find((w) => w.isDefault && !w.isDemo) ?? workspaces.find((w) => !w.isDemo);
}

export function WorkspaceSwitcher() {
  const t = useT(workspaceMessages);
  const session = useSignedIn();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const current = session.workspace;
  const switchTo = async (id: string) => {
    if (id === current.id) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await ok(client.POST("/api/v1/session/workspace", { body: { workspaceId: id } }));
      location.assign(`${BASE}/`);
    } catch (e) {
      setFailure(t("switcher.failed", { message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };
  const own = current.isDemo ? ownWorkspace(session.workspaces) : undefined;
  return (
    <div className="workspace-switcher">
      {session.workspaces.length > 1 ? (
        <select
          className="workspace-select"
          aria-label={t("switcher.label")}
          value={current.id}
          disabled={busy}
          onChange={(e) => void switchTo(e.target.value)}
        >
          {session.workspaces.map((w) => (
            <option key={w.id} value={w.id} lang={w.defaultLocale}>
              {/* An instance owner may see workspaces they are no member of: no role to name. */}
              {w.role ? t("switcher.option", { name: w.name, role: t(`role.${w.role}`) }) : w.name}
            </option>
          ))}
        </select>
      ) : (
        <div className="workspace-name" lang={current.defaultLocale}>
          {current.name}
        </div>
      )}
      {current.isDemo && (
        <>
          <span className="badge badge-demo" title={t("demo.note")}>
            {t("demo.badge")}
          </span>
          {own && (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => void switchTo(own.id)}
            >
              {t("demo.leave")}
            </button>
          )}
        </>
      )}
      {failure && (
        <span role="alert" className="workspace-switch-failed">
          {failure}
        </span>
      )}
    </div>
  );
}
