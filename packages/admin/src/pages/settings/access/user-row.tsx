// One user: the role is changed in place (saved at once), deletion asks first. The last-owner rule's
// 409 is said in the reader's language, with the server's own words beside it.
import { useState } from "react";
import { client, ok, ApiError } from "../../../api/client.ts";
import type { User } from "../../../api/types.ts";
import { errorDetail, errorText } from "../../../error-text.ts";
import { formatDate } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../i18n/i18n.tsx";
import { useSession } from "../../../session.tsx";
import type { Role } from "../roles.ts";
import { accessT } from "./access-t.ts";
import { ConfirmButton } from "./confirm-button.tsx";
import { RoleOptions } from "./role-field.tsx";

export function UserRow({ user, isMe, onChanged }: { user: User; isMe: boolean; onChanged: () => void }) {
  const t = useT(accessT);
  const { locale } = useLocale();
  const { refreshSession } = useSession();
  const [role, setRole] = useState<Role>(user.role);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "deleting">("idle");
  const [error, setError] = useState<{ lead: string; detail?: string }>();
  const name = user.name || user.email;
  const explain = (e: unknown, failed: "users.roleFailed" | "users.deleteFailed") => {
    const message = e instanceof Error ? e.message : String(e);
    // The server's words are English: in English they are the message, in Japanese they follow ours.
    const serverSays = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    setError(
      e instanceof ApiError && e.status === 409
        ? locale === "en"
          ? { lead: serverSays }
          : { lead: t("users.lastOwner"), detail: message }
        : { lead: t(failed, { name, message: errorText(t, e) }), detail: errorDetail(e) },
    );
  };
  const changeRole = async (next: Role) => {
    setRole(next);
    setError(undefined);
    setState("saving");
    try {
      const saved = await ok(
        client.PATCH("/api/v1/users/{id}", { params: { path: { id: user.id } }, body: { role: next } }),
      );
      setRole(saved.role);
      setState("saved");
      // My own role: the screens it allows change at once, not at the next reload.
      if (isMe) void refreshSession();
    } catch (e) {
      setRole(user.role); // the server kept the old role: show it again
      setState("idle");
      explain(e, "users.roleFailed");
    }
  };
  const remove = async () => {
    setError(undefined);
    setState("deleting");
    try {
      await ok(client.DELETE("/api/v1/users/{id}", { params: { path: { id: user.id } } }));
      onChanged();
    } catch (e) {
      setState("idle");
      explain(e, "users.deleteFailed");
    }
  };
  return (
    <>
      <tr className={error ? "row-with-error" : undefined}>
        <td className="cell-strong">
          {user.name || "—"} {isMe && <span className="badge">{t("users.you")}</span>}
        </td>
        <td className="cell-email">{user.email}</td>
        <td>
          <div className="role-cell">
            <select
              value={role}
              aria-label={t("users.roleOf", { name })}
              disabled={state === "saving" || state === "deleting"}
              onChange={(e) => void changeRole(e.target.value as Role)}
            >
              <RoleOptions />
            </select>
            <span className="role-status" role="status">
              {state === "saving"
                ? t("users.roleSaving")
                : state === "saved"
                  ? `✓ ${t("users.roleSaved")}`
                  : ""}
            </span>
          </div>
        </td>
        <td className="cell-date">{formatDate(locale, user.createdAt)}</td>
        <td className="cell-actions">
          <ConfirmButton
            label={t("action.delete")}
            ariaLabel={`${t("action.delete")}: ${name}`}
            question={t("users.deleteConfirm", { name })}
            confirm={t("users.deleteYes")}
            disabled={state === "deleting"}
            onConfirm={() => void remove()}
          />
        </td>
      </tr>
      {error && (
        <tr className="row-error">
          <td colSpan={5}>
            <p className="form-error" role="alert">
              {error.lead}
              {error.detail && (
                <span className="settings-server-detail" lang="en">
                  {" "}
                  ({error.detail})
                </span>
              )}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
