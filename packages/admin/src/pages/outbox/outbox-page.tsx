// The outbox: mail kept instead of sent when no SMTP server is configured. The list on the left, the
// chosen message on the right as its recipient would see it. The chosen message and the recipient
// filter live in the URL, so a message can be linked to.
import { useState, type FormEvent } from "react";
import { useGet } from "../../api/hooks.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { PagedList } from "../../ui/paged-list.tsx";
import { Empty } from "../../ui/states.tsx";
import { usePages } from "../../ui/use-pages.ts";
import { outboxMessages } from "./messages.ts";
import { MessageDetail, isTest } from "./message-detail.tsx";
import "./outbox.css";

export default function OutboxPage() {
  const t = useT(outboxMessages);
  const { locale } = useLocale();
  const { search } = useLocation();
  const to = search.get("to") ?? "";
  const chosenId = search.get("id");
  const list = usePages("/api/v1/outbox", { params: { query: { limit: 50, ...(to ? { to } : {}) } } });
  const [typed, setTyped] = useState(to);
  // With none chosen, the newest is shown, so the page opens on a real email. A linked message older
  // than the loaded pages is fetched on its own.
  const listed = chosenId ? list.items?.find((m) => m.id === chosenId) : list.items?.[0];
  const unlisted = useGet(chosenId && list.items && !listed ? "/api/v1/outbox/{id}" : null, {
    params: { path: { id: chosenId ?? "" } },
  });
  const chosen = listed ?? (unlisted.data?.id === chosenId ? unlisted.data : undefined);
  const choose = (id: string) => {
    setSearch({ id });
    // Below the list (a tablet), bring the message into view.
    requestAnimationFrame(() => {
      const detail = document.getElementById("outbox-detail");
      if (detail && detail.getBoundingClientRect().top > window.innerHeight * 0.6)
        detail.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  };
  const filter = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ to: typed.trim(), id: null });
  };
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("lead")} />
      <form className="filters" role="search" onSubmit={filter}>
        <label className="filter">
          <span>{t("filterTo")}</span>
          <input
            type="email"
            value={typed}
            size={28}
            placeholder={t("filterPlaceholder")}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          {t("action.search")}
        </button>
        {to && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setTyped("");
              setSearch({ to: null, id: null });
            }}
          >
            {t("action.clear")}
          </button>
        )}
      </form>
      <div className="outbox">
        <Card title={t("list")} className="outbox-list">
          <PagedList pages={list} empty={to ? t("emptyFiltered", { to }) : t("empty")}>
            {(messages) => (
              <ul className="outbox-items">
                {messages.map((m) => (
                  <li key={m.id}>
                    <button
                      type="button"
                      className="outbox-item"
                      aria-current={m.id === chosen?.id ? "true" : undefined}
                      onClick={() => choose(m.id)}
                    >
                      <span className="outbox-item-top">
                        <span className="outbox-to">{m.to}</span>
                        <span className="outbox-date">{formatDateTime(locale, m.createdAt)}</span>
                      </span>
                      <span className="outbox-subject">
                        {isTest(m) && <span className="badge badge-mid">{t("kind.test")}</span>}
                        {isTest(m) ? m.subject.replace(/^\[TEST\]\s*/, "") : m.subject}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </PagedList>
        </Card>
        <div className="outbox-detail" id="outbox-detail">
          {chosen ? (
            <MessageDetail key={chosen.id} message={chosen} />
          ) : (
            <Card>
              <Empty>{unlisted.error ? t("gone") : t("choose")}</Empty>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
