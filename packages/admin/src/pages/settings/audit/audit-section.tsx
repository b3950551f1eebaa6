// Settings › Audit log (owners and admins): privacy exports and erasures, newest first, with who did them
// and what was done in counts. A contact still present links to their page; an erased one is marked so.
import { roleMay } from "@koe/server/shared";
import type { components } from "../../../api/schema.gen.ts";
import { formatDateTime, formatNumber } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../i18n/i18n.tsx";
import { Link } from "../../../router.tsx";
import { useSignedIn } from "../../../session.tsx";
import { Card } from "../../../ui/layout-parts.tsx";
import { LoadMore } from "../../../ui/load-more.tsx";
import { Empty, ErrorNote, Loading } from "../../../ui/states.tsx";
import { usePages } from "../../../ui/use-pages.ts";
import { mergeMessages } from "../merge-messages.ts";
import { settingsMessages } from "../messages.ts";
import { auditMessages } from "./messages.ts";
import "./audit.css";

type AuditEntry = components["schemas"]["AuditEntry"];
const messages = mergeMessages(settingsMessages, auditMessages);
type Key = Parameters<ReturnType<typeof useT<keyof typeof messages.en>>>[0];

export function AuditSection() {
  const t = useT(messages);
  if (!roleMay(useSignedIn().user.role, "handlePrivacyRequests"))
    return (
      <Card title={t("audit.title")}>
        <p className="settings-note">{t("audit.adminsOnly")}</p>
      </Card>
    );
  return <AuditLog />;
}

function AuditLog() {
  const t = useT(messages);
  const { locale } = useLocale();
  const log = usePages("/api/v1/audit-log", { params: { query: { limit: 50 } } });
  const items = log.items;
  return (
    <Card
      title={t("audit.title")}
      actions={
        <button type="button" className="button button-small" onClick={log.reload} disabled={log.loading}>
          {t("audit.reload")}
        </button>
      }
    >
      <p className="settings-lead">{t("audit.lead")}</p>
      {!items && log.error && !log.loading ? (
        <ErrorNote error={log.error} retry={log.reload} />
      ) : !items ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{t("audit.empty")}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="audit-table" aria-label={t("audit.tableLabel")}>
            <thead>
              <tr>
                <th scope="col">{t("audit.col.at")}</th>
                <th scope="col">{t("audit.col.actor")}</th>
                <th scope="col">{t("audit.col.action")}</th>
                <th scope="col">{t("audit.col.subject")}</th>
                <th scope="col">{t("audit.col.details")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td className="audit-at">{formatDateTime(locale, e.at)}</td>
                  <td>
                    <span className="audit-actor">{e.actor.name}</span>
                    <span className="muted audit-kind">{t(`actor.${e.actor.kind}`)}</span>
                  </td>
                  <td>{t(`action.${e.action}` as Key)}</td>
                  <td>
                    <Subject entry={e} />
                  </td>
                  <td className="audit-details">
                    <Details entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pages={log} />
    </Card>
  );

  function Subject({ entry: e }: { entry: AuditEntry }) {
    if (!e.subjectId) return null;
    const short = <code>{e.subjectId.slice(0, 8)}</code>;
    if (e.action === "contact.erased")
      return (
        <span title={e.subjectId}>
          {short} <span className="badge badge-quiet">{t("erasedContact")}</span>
        </span>
      );
    return (
      <Link to={`/contacts/${e.subjectId}`} title={e.subjectId}>
        {short}
      </Link>
    );
  }

  function Details({ entry: e }: { entry: AuditEntry }) {
    const parts = Object.entries(e.details).flatMap(([key, value]) => {
      const label = `detail.${key}` as Key;
      if (!(label in messages.en)) return [];
      if (typeof value === "boolean") return value ? [t(label)] : [];
      if (typeof value === "number") return [`${t(label)} ${formatNumber(locale, value)}`];
      return [];
    });
    return <>{parts.join(" · ")}</>;
  }
}
