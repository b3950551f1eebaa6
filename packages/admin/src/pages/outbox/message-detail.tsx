// One kept email: its envelope, then the HTML as the recipient sees it (or the plain-text part). The
// HTML comes from /outbox/:id/html, which the server sends with a sandboxing CSP; the iframe's empty
// sandbox adds the same on our side, so nothing in a message can run or reach the admin's session.
import { useState } from "react";
import type { OutboxMessage } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { outboxMessages } from "./messages.ts";

/** A test send says so in its subject (campaign test-send). */
export const isTest = (m: OutboxMessage) => m.subject.startsWith("[TEST]");

export function MessageDetail({ message: m }: { message: OutboxMessage }) {
  const t = useT(outboxMessages);
  const { locale } = useLocale();
  const [view, setView] = useState<"html" | "text">("html");
  const header = (name: string) =>
    Object.entries(m.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const from = header("From");
  const rows: [string, string][] = [
    ...(from ? ([[t("from"), from]] as [string, string][]) : []),
    [t("to"), m.to],
    [t("date"), formatDateTime(locale, m.createdAt)],
    [t("unsubscribe"), header("List-Unsubscribe") ? t("unsubscribeYes") : t("unsubscribeNo")],
  ];
  return (
    <Card className="message-detail">
      <h2 className="message-subject">{m.subject}</h2>
      <dl className="message-envelope">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="lang-switch message-view" role="group" aria-label={t("subject")}>
        <button type="button" aria-pressed={view === "html"} onClick={() => setView("html")}>
          {t("tabHtml")}
        </button>
        <button type="button" aria-pressed={view === "text"} onClick={() => setView("text")}>
          {t("tabText")}
        </button>
      </div>
      {view === "html" ? (
        <iframe
          className="message-frame"
          sandbox=""
          src={`/api/v1/outbox/${encodeURIComponent(m.id)}/html`}
          title={t("frame", { to: m.to })}
        />
      ) : (
        <pre className="message-text">{m.text}</pre>
      )}
    </Card>
  );
}
