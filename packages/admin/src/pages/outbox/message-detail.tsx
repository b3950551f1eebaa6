// One message of the sent-mail log: its status (with the mail server's reply when it failed, the reason
// when it waits or was skipped, the provider's report when it bounced), its envelope, then the HTML as the
// recipient saw it (or the plain-text part). The HTML comes from /sent-mail/:id/html, which the server
// sends with a sandboxing CSP; the iframe's empty sandbox adds the same on our side, so nothing in a
// message can run or reach the admin's session. A viewer sees a note instead: the message's links would
// let them answer or unsubscribe as the recipient, and the server refuses them (readMessages).
import { roleMay } from "@koe/server/shared";
import { useState } from "react";
import { useGet } from "../../api/hooks.ts";
import type { SentMailDetail } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { Empty, Loaded } from "../../ui/states.tsx";
import { outboxMessages } from "./messages.ts";
import { StatusBadge } from "./status-badge.tsx";

const knownReasons = [
  "quiet_hours",
  "retry",
  "another_survey_first",
  "recently_surveyed",
  "within_24h",
  "suppressed",
  "open_case",
  "no_email",
  "link_expired",
  "responded",
  "campaign_cancelled",
  "survey_not_active",
  "permanent_error",
  "test",
] as const;
type KnownReason = (typeof knownReasons)[number];
const isKnown = (r: string): r is KnownReason => (knownReasons as readonly string[]).includes(r);

export function MessageDetail({ id }: { id: string }) {
  const t = useT(outboxMessages);
  if (!roleMay(useSignedIn().user.role, "readMessages"))
    return (
      <Card className="message-detail">
        <p className="mail-not-kept">{t("membersOnly")}</p>
      </Card>
    );
  return <MessageCard id={id} />;
}

function MessageCard({ id }: { id: string }) {
  const t = useT(outboxMessages);
  const message = useGet("/api/v1/sent-mail/{id}", { params: { path: { id } } });
  if (message.error && !message.data)
    return (
      <Card>
        <Empty>{t("gone")}</Empty>
      </Card>
    );
  return (
    <Card className="message-detail">
      <Loaded {...message}>{(m) => <Message m={m} />}</Loaded>
    </Card>
  );
}

function Reason({ reason }: { reason: string }) {
  const t = useT(outboxMessages);
  // A reason Koe writes in words (after a crash, "reconciled: …") stays as written, in English.
  return isKnown(reason) ? <>{t(`reason.${reason}`)}</> : <span lang="en">{reason}</span>;
}

function Message({ m }: { m: SentMailDetail }) {
  const t = useT(outboxMessages);
  const { locale } = useLocale();
  const [view, setView] = useState<"html" | "text">("html");
  const header = (name: string) =>
    Object.entries(m.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const from = header("From");
  const rows: [string, React.ReactNode][] = [
    [t("status"), <StatusBadge key="s" status={m.status} />],
    ...(from ? ([[t("from"), from]] as [string, string][]) : []),
    [t("to"), m.to ?? t("noAddress")],
    ...(m.contact
      ? ([
          [
            t("contact"),
            <Link key="c" to={`/contacts/${m.contact.id}`}>
              {m.contact.name || m.to}
            </Link>,
          ],
        ] as [string, React.ReactNode][])
      : []),
    [t("survey"), m.survey.name],
    ...(m.campaign ? ([[t("campaign"), m.campaign.name]] as [string, string][]) : []),
    [t("queuedAt"), formatDateTime(locale, m.createdAt)],
    ...(m.status === "queued" ? ([[t("dueAt"), formatDateTime(locale, m.dueAt)]] as [string, string][]) : []),
    ...(m.sentAt ? ([[t("sentAt"), formatDateTime(locale, m.sentAt)]] as [string, string][]) : []),
    ...(m.transport ? ([[t("transport"), t(`transportOf.${m.transport}`)]] as [string, string][]) : []),
    ...(m.reason && m.status !== "sent" && m.status !== "failed"
      ? ([[t("reason"), <Reason key="r" reason={m.reason} />]] as [string, React.ReactNode][])
      : []),
    ...(m.kept
      ? ([[t("unsubscribe"), header("List-Unsubscribe") ? t("unsubscribeYes") : t("unsubscribeNo")]] as [
          string,
          string,
        ][])
      : []),
  ];
  // Not rendered yet (queued, skipped): what it belongs to stands in for the subject.
  // A test send says so in its subject; the badge says it here.
  const subject = m.subject?.replace(/^\[TEST\]\s*/, "") ?? m.campaign?.name ?? m.survey.name;
  return (
    <>
      <h2 className="message-subject">
        {m.test && <span className="badge badge-quiet">{t("kind.test")}</span>}
        {m.step > 0 && <span className="badge badge-quiet">{t("kind.reminder", { n: m.step })}</span>}
        {subject}
      </h2>
      {m.error && (m.status === "failed" || m.status === "queued") && (
        <div className={m.status === "failed" ? "mail-reply mail-reply-failed" : "mail-reply"}>
          <p>{m.status === "failed" ? t("reply.failed") : t("reply.retry")}</p>
          <pre lang="en">{m.error}</pre>
        </div>
      )}
      {(m.status === "bounced" || m.status === "complained") && m.outcomeAt && (
        <p className="mail-reply mail-reply-failed">
          {t(`outcome.${m.status}`, {
            source: m.outcomeSource ?? "",
            at: formatDateTime(locale, m.outcomeAt),
          })}
        </p>
      )}
      <dl className="message-envelope">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {m.kept ? (
        <>
          <div className="lang-switch message-view" role="group" aria-label={t("view")}>
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
              src={`/api/v1/sent-mail/${encodeURIComponent(m.id)}/html`}
              title={t("frame", { to: m.to ?? "" })}
            />
          ) : (
            <pre className="message-text">{m.text}</pre>
          )}
        </>
      ) : (
        <p className="mail-not-kept">{t("notKept")}</p>
      )}
    </>
  );
}
