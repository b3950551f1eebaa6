// Settings: branding, fatigue rules, embedding, API keys, users, jobs (owners and admins) and (for an
// instance owner) workspaces, one tab each; the tab lives in the URL (?tab=…) so a link can open the right
// one and a reload keeps it. A tab's panel is mounted on its first visit and then only hidden, so switching
// tabs keeps what was typed.
import { roleAtLeast } from "@koe/server/shared";
import { useState } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import type { PageProps } from "../../routes.ts";
import { PageHeader } from "../../ui/layout-parts.tsx";
import { TabList } from "../../ui/tab-list.tsx";
import { ApiKeysSection } from "./access/api-keys-section.tsx";
import { AuditSection } from "./audit/audit-section.tsx";
import { UsersSection } from "./access/users-section.tsx";
import { BrandSection } from "./brand-section.tsx";
import { EmbedSection } from "./embed-section.tsx";
import { FatigueSection } from "./fatigue-section.tsx";
import { JobsSection } from "./jobs/jobs-section.tsx";
import { settingsMessages } from "./messages.ts";
import { WorkspacesSection } from "./workspaces/workspaces-section.tsx";
import { useSignedIn } from "../../session.tsx";
import "./settings.css";

// Workspaces: only an instance owner's (they alone create, rename and delete workspaces).
const allTabs = ["brand", "fatigue", "embed", "keys", "users", "jobs", "audit", "workspaces"] as const;
type Tab = (typeof allTabs)[number];
const panelId = (tab: Tab) => `settings-panel-${tab}`;

const panels: Record<Tab, () => React.JSX.Element> = {
  brand: BrandSection,
  fatigue: FatigueSection,
  embed: EmbedSection,
  keys: ApiKeysSection,
  users: UsersSection,
  jobs: JobsSection,
  audit: AuditSection,
  workspaces: WorkspacesSection,
};

export default function SettingsPage(_props: PageProps) {
  const t = useT(settingsMessages);
  const { search } = useLocation();
  const { instanceOwner, role } = useSignedIn().user;
  // Jobs and the audit log: owners' and admins' (the server's rules for /api/v1/jobs and /api/v1/audit-log).
  const tabs = allTabs.filter(
    (name) =>
      (name !== "workspaces" || instanceOwner) &&
      ((name !== "jobs" && name !== "audit") || roleAtLeast(role, "admin")),
  );
  const asked = search.get("tab");
  const tab: Tab = tabs.includes(asked as Tab) ? (asked as Tab) : "brand";
  const choose = (next: Tab) => setSearch({ tab: next === "brand" ? null : next }, { replace: false });
  // The tabs seen so far (set while rendering: the chosen one is mounted in this very render).
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
        idPrefix="settings-tab"
        panelId={panelId}
        className="settings-tabs"
        tabClassName="settings-tab"
      >
        {(name) => t(`tab.${name}`)}
      </TabList>
      {tabs.map((name) => {
        const Panel = panels[name];
        return (
          <div
            key={name}
            role="tabpanel"
            className="settings-panel"
            id={panelId(name)}
            aria-labelledby={`settings-tab-${name}`}
            hidden={name !== tab}
          >
            {(seen.has(name) || name === tab) && <Panel />}
          </div>
        );
      })}
    </>
  );
}
