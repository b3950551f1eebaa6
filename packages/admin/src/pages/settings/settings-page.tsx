// Settings: branding, fatigue rules, API keys and users, one tab each; the tab lives in the URL (?tab=…)
// so a link can open the right one and a reload keeps it.
import { useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import type { PageProps } from "../../routes.ts";
import { PageHeader } from "../../ui/layout-parts.tsx";
import { TabList } from "../../ui/tab-list.tsx";
import { ApiKeysSection } from "./access/api-keys-section.tsx";
import { UsersSection } from "./access/users-section.tsx";
import { BrandSection } from "./brand-section.tsx";
import { FatigueSection } from "./fatigue-section.tsx";
import { settingsMessages } from "./messages.ts";
import "./settings.css";

const tabs = ["brand", "fatigue", "keys", "users"] as const;
type Tab = (typeof tabs)[number];
const isTab = (v: string | null): v is Tab => tabs.includes(v as Tab);

const panels: Record<Tab, () => React.JSX.Element> = {
  brand: BrandSection,
  fatigue: FatigueSection,
  keys: ApiKeysSection,
  users: UsersSection,
};

export default function SettingsPage(_props: PageProps) {
  const t = useT(settingsMessages);
  const { search } = useLocation();
  const asked = search.get("tab");
  const tab: Tab = isTab(asked) ? asked : "brand";
  const choose = (next: Tab) => setSearch({ tab: next === "brand" ? null : next }, { replace: false });
  const Panel = panels[tab];
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <TabList
        tabs={tabs}
        chosen={tab}
        onChoose={choose}
        label={t("tabs.label")}
        idPrefix="settings-tab"
        panelId="settings-panel"
        className="settings-tabs"
        tabClassName="settings-tab"
      >
        {(name) => t(`tab.${name}`)}
      </TabList>
      <div
        role="tabpanel"
        className="settings-panel"
        id="settings-panel"
        aria-labelledby={`settings-tab-${tab}`}
      >
        <Panel key={tab} />
      </div>
    </>
  );
}
