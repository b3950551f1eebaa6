// Sent mail (route /outbox): the log of every survey email whatever the transport, and the suppression
// list, one tab each. The tab lives in the URL (?tab=suppressions), like Settings, so a link opens it and a
// reload keeps it; a tab's panel is mounted on its first visit and then only hidden.
import { useState } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import type { PageProps } from "../../routes.ts";
import { PageHeader } from "../../ui/layout-parts.tsx";
import { TabList } from "../../ui/tab-list.tsx";
import { outboxMessages } from "./messages.ts";
import { SentMailTab } from "./sent-mail-tab.tsx";
import { SuppressionsTab } from "./suppressions-tab.tsx";
import "./outbox.css";

const tabs = ["mail", "suppressions"] as const;
type Tab = (typeof tabs)[number];
const panelId = (tab: Tab) => `outbox-panel-${tab}`;
const panels: Record<Tab, () => React.JSX.Element> = { mail: SentMailTab, suppressions: SuppressionsTab };

export default function OutboxPage(_props: PageProps) {
  const t = useT(outboxMessages);
  const { search } = useLocation();
  const tab: Tab = search.get("tab") === "suppressions" ? "suppressions" : "mail";
  // The tabs' filters have names of their own (status, q… / address, reason), so both stay in the URL.
  const choose = (next: Tab) => setSearch({ tab: next === "mail" ? null : next }, { replace: false });
  const [seen, setSeen] = useState<ReadonlySet<Tab>>(() => new Set([tab]));
  if (!seen.has(tab)) setSeen(new Set([...seen, tab]));
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <TabList
        tabs={tabs}
        chosen={tab}
        onChoose={choose}
        label={t("tabs.label")}
        idPrefix="outbox-tab"
        panelId={panelId}
        className="mail-tabs"
        tabClassName="mail-tab"
      >
        {(name) => t(`tab.${name}`)}
      </TabList>
      {tabs.map((name) => {
        const Panel = panels[name];
        return (
          <div
            key={name}
            role="tabpanel"
            id={panelId(name)}
            aria-labelledby={`outbox-tab-${name}`}
            hidden={name !== tab}
          >
            {(seen.has(name) || name === tab) && <Panel />}
          </div>
        );
      })}
    </>
  );
}
