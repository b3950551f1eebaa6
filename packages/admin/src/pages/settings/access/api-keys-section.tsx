// API keys tab (owners only): the workspace's keys, revoked ones too, a form for a new one whose value is
// shown once, and revocation after a confirmation.
import { useState } from "react";
import { client, ok } from "../../../api/client.ts";
import { useGet } from "../../../api/hooks.ts";
import type { ApiKey } from "../../../api/types.ts";
import { errorText } from "../../../error-text.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../i18n/i18n.tsx";
import { useSignedIn } from "../../../session.tsx";
import { Card } from "../../../ui/layout-parts.tsx";
import { ErrorDetail, Loaded } from "../../../ui/states.tsx";
import { canManageAccess } from "../roles.ts";
import { AccessTable } from "./access-table.tsx";
import { accessT } from "./access-t.ts";
import { ConfirmButton } from "./confirm-button.tsx";
import { NewKeyBox, type CreatedKey } from "./new-key-box.tsx";
import { NewKeyForm } from "./new-key-form.tsx";
import "./access.css";

export function ApiKeysSection() {
  const t = useT(accessT);
  const { role } = useSignedIn().user;
  if (!canManageAccess(role)) {
    return (
      <Card title={t("keys.title")}>
        <p className="settings-note">{t("keys.ownerOnly")}</p>
      </Card>
    );
  }
  return <ApiKeys />;
}

function ApiKeys() {
  const t = useT(accessT);
  const { locale } = useLocale();
  const keys = useGet("/api/v1/api-keys", { params: { query: { limit: 1000 } } });
  const [created, setCreated] = useState<CreatedKey>();
  const [failure, setFailure] = useState<{ text: string; cause: unknown }>();
  // Keys being revoked, or revoked until the reloaded list says so: their button stays disabled, so a
  // second click cannot send a second DELETE.
  const [revoking, setRevoking] = useState<ReadonlySet<string>>(new Set());
  const mark = (id: string, on: boolean) =>
    setRevoking((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const nameOf = (k: { name: string }) => k.name || t("keys.unnamed");
  const revoke = async (key: ApiKey) => {
    if (revoking.has(key.id)) return;
    setFailure(undefined);
    mark(key.id, true);
    try {
      await ok(client.DELETE("/api/v1/api-keys/{id}", { params: { path: { id: key.id } } }));
    } catch (e) {
      mark(key.id, false);
      setFailure({
        text: t("keys.revokeFailed", { name: nameOf(key), message: errorText(t, e) }),
        cause: e,
      });
    }
    keys.reload();
  };
  return (
    <div className="stack">
      {created && <NewKeyBox created={created} onDone={() => setCreated(undefined)} />}
      <Card title={t("keys.title")}>
        <p className="settings-lead">{t("keys.lead")}</p>
        {failure && (
          <p className="form-error" role="alert">
            {failure.text}
            <ErrorDetail error={failure.cause} />
          </p>
        )}
        <Loaded {...keys}>
          {(page) =>
            page.data.length === 0 ? (
              <p className="muted">{t("keys.empty")}</p>
            ) : (
              <AccessTable
                columns={[
                  t("col.name"),
                  t("col.role"),
                  t("keys.col.key"),
                  t("col.created"),
                  t("keys.col.lastUsed"),
                  t("keys.col.status"),
                ]}
              >
                {page.data.map((k) => (
                  <tr key={k.id} className={k.revokedAt ? "row-revoked" : undefined}>
                    <td className="cell-strong">{nameOf(k)}</td>
                    <td>
                      <span className="badge badge-quiet">{t(`role.${k.role}`)}</span>
                    </td>
                    <td>
                      <code className="key-prefix">{k.prefix}…</code>
                    </td>
                    <td className="cell-date">{formatDateTime(locale, k.createdAt)}</td>
                    <td className="cell-date">
                      {k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : t("keys.never")}
                    </td>
                    <td>
                      {k.revokedAt ? (
                        <span className="status-stack">
                          <span className="badge badge-bad">{t("keys.revoked")}</span>
                          <span className="cell-date">{formatDateTime(locale, k.revokedAt)}</span>
                        </span>
                      ) : (
                        <span className="badge badge-good">{t("keys.active")}</span>
                      )}
                    </td>
                    <td className="cell-actions">
                      {!k.revokedAt && (
                        <ConfirmButton
                          label={revoking.has(k.id) ? t("keys.revoking") : t("keys.revoke")}
                          disabled={revoking.has(k.id)}
                          question={t("keys.revokeConfirm", { name: nameOf(k) })}
                          confirm={t("keys.revokeYes")}
                          ariaLabel={`${t("keys.revoke")}: ${nameOf(k)}`}
                          onConfirm={() => void revoke(k)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </AccessTable>
            )
          }
        </Loaded>
      </Card>
      <NewKeyForm
        onCreated={(k) => {
          setCreated(k);
          keys.reload();
        }}
      />
    </div>
  );
}
