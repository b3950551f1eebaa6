// The sent-mail log: which transport is in use, filters (status, campaign, survey, recipient, period; all in
// the URL), the messages newest first, and the chosen one beside them as its recipient saw it.
import { useMemo, useState, type FormEvent } from "react";
import { useGet } from "../../api/hooks.ts";
import type { SentMail } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { PagedList } from "../../ui/paged-list.tsx";
import { Empty } from "../../ui/states.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { useSurveys } from "../../workspace-data.ts";
import { MessageDetail } from "./message-detail.tsx";
import { outboxMessages } from "./messages.ts";
import { StatusBadge, mailStatuses, type MailStatus } from "./status-badge.tsx";

const periods = ["1", "7", "30"] as const;
const HOUR = 3_600_000;

function TransportBanner() {
  const t = useT(outboxMessages);
  const transport = useGet("/api/v1/outbox/transport");
  const data = transport.data;
  // The server's name as code inside the sentence, wherever the language puts it.
  const [before, after] = t("transport.smtp", { server: "\u0000" }).split("\u0000");
  if (!data)
    return transport.error ? null : (
      <p className="mail-transport" role="status">
        {t("transport.loading")}
      </p>
    );
  return (
    <p className={`mail-transport mail-transport-${data.transport}`}>
      {data.transport === "smtp" ? (
        <>
          {before}
          <code lang="en">{data.server ?? "SMTP"}</code>
          {after}
        </>
      ) : (
        t("transport.outbox")
      )}
    </p>
  );
}

function Filters() {
  const t = useT(outboxMessages);
  const { search } = useLocation();
  const surveys = useSurveys().data?.data ?? [];
  const campaigns = useGet("/api/v1/campaigns", { params: { query: { limit: 1000 } } }).data?.data ?? [];
  const q = search.get("q") ?? "";
  const [typed, setTyped] = useState(q);
  const select = (key: string, value: string) => setSearch({ [key]: value, id: null });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ q: typed.trim(), id: null });
  };
  return (
    <form className="filters mail-filters" role="search" onSubmit={submit}>
      <label className="filter">
        <span>{t("filter.status")}</span>
        <select value={search.get("status") ?? ""} onChange={(e) => select("status", e.target.value)}>
          <option value="">{t("filter.all")}</option>
          {mailStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t("filter.campaign")}</span>
        <select value={search.get("campaign") ?? ""} onChange={(e) => select("campaign", e.target.value)}>
          <option value="">{t("filter.all")}</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t("filter.survey")}</span>
        <select value={search.get("survey") ?? ""} onChange={(e) => select("survey", e.target.value)}>
          <option value="">{t("filter.all")}</option>
          {surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t("filter.period")}</span>
        <select value={search.get("period") ?? ""} onChange={(e) => select("period", e.target.value)}>
          <option value="">{t("period.all")}</option>
          {periods.map((p) => (
            <option key={p} value={p}>
              {t(`period.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t("filter.search")}</span>
        <input
          type="search"
          value={typed}
          size={24}
          maxLength={200}
          placeholder={t("filter.searchPlaceholder")}
          onChange={(e) => {
            setTyped(e.target.value);
            if (e.target.value === "" && q) setSearch({ q: null, id: null });
          }}
        />
      </label>
      <button type="submit" className="button">
        {t("action.search")}
      </button>
    </form>
  );
}

/** The list's query from the URL; the period's start is fixed when the period is chosen, not per render. */
function useLogQuery() {
  const { search } = useLocation();
  const status = search.get("status");
  const campaign = search.get("campaign");
  const survey = search.get("survey");
  const q = search.get("q")?.trim();
  const period = search.get("period");
  const since = useMemo(
    () =>
      period && (periods as readonly string[]).includes(period)
        ? new Date(Date.now() - Number(period) * 24 * HOUR).toISOString()
        : undefined,
    [period],
  );
  const filtered = !!(status || campaign || survey || q || since);
  return {
    filtered,
    query: {
      limit: 50,
      ...(status && (mailStatuses as readonly string[]).includes(status)
        ? { status: status as MailStatus }
        : {}),
      ...(campaign ? { campaign } : {}),
      ...(survey ? { survey } : {}),
      ...(q ? { q } : {}),
      ...(since ? { since } : {}),
    },
  };
}

function MessageRow({ m, chosen, onChoose }: { m: SentMail; chosen: boolean; onChoose: () => void }) {
  const t = useT(outboxMessages);
  const { locale } = useLocale();
  const at = m.sentAt ?? m.createdAt;
  return (
    <li>
      <button
        type="button"
        className="outbox-item"
        aria-current={chosen ? "true" : undefined}
        onClick={onChoose}
      >
        <span className="outbox-item-top">
          <span className="outbox-to">{m.to ?? t("noAddress")}</span>
          <span className="outbox-date">{formatDateTime(locale, at)}</span>
        </span>
        <span className="outbox-subject">
          <StatusBadge status={m.status} />
          {m.test && <span className="badge badge-quiet">{t("kind.test")}</span>}
          {m.step > 0 && <span className="badge badge-quiet">{t("kind.reminder", { n: m.step })}</span>}
          {m.subject ? m.subject.replace(/^\[TEST\]\s*/, "") : (m.campaign?.name ?? m.survey.name)}
        </span>
      </button>
    </li>
  );
}

export function SentMailTab() {
  const t = useT(outboxMessages);
  const { search } = useLocation();
  const chosenId = search.get("id");
  const { query, filtered } = useLogQuery();
  const list = usePages("/api/v1/sent-mail", { params: { query } });
  // With none chosen, the newest is shown, so the tab opens on a real email.
  const shownId = chosenId ?? list.items?.[0]?.id;
  // The message is read again when the list shows it changed (sent, then bounced), not only when chosen.
  const shownStatus = list.items?.find((m) => m.id === shownId)?.status;
  const choose = (id: string) => {
    setSearch({ id });
    // Below the list (a tablet), bring the message into view.
    requestAnimationFrame(() => {
      const detail = document.getElementById("outbox-detail");
      if (detail && detail.getBoundingClientRect().top > window.innerHeight * 0.6)
        detail.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  };
  return (
    <>
      <TransportBanner />
      <Filters />
      <div className="outbox">
        <Card title={t("list")} className="outbox-list">
          <PagedList pages={list} empty={filtered ? t("emptyFiltered") : t("empty")}>
            {(messages) => (
              <ul className="outbox-items">
                {messages.map((m) => (
                  <MessageRow key={m.id} m={m} chosen={m.id === shownId} onChoose={() => choose(m.id)} />
                ))}
              </ul>
            )}
          </PagedList>
        </Card>
        <div className="outbox-detail" id="outbox-detail">
          {shownId ? (
            <MessageDetail key={`${shownId} ${shownStatus ?? ""}`} id={shownId} />
          ) : (
            <Card>
              <Empty>{t("choose")}</Empty>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
