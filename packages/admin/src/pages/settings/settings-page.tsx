// Settings: branding, fatigue rules, API keys and users, one tab each; the tab lives in the URL (?tab=…)
// so a link can open the right one and a reload keeps it.
import { useRef, type KeyboardEvent } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { setSearch, useLocation } from "../../router.tsx";
import type { PageProps } from "../../routes.ts";
import { PageHeader } from "../../ui/layout-parts.tsx";
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
  const buttons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const choose = (next: Tab) => setSearch({ tab: next === "brand" ? null : next }, { replace: false });
  // The WAI-ARIA tabs pattern: arrows move between tabs, Home/End jump to the ends.
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    const to =
      e.key === "ArrowRight"
        ? tabs[(i + 1) % tabs.length]
        : e.key === "ArrowLeft"
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : e.key === "Home"
            ? tabs[0]
            : e.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!to) return;
    e.preventDefault();
    choose(to);
    buttons.current[to]?.focus();
  };
  const Panel = panels[tab];
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="settings-tabs" role="tablist" aria-label={t("tabs.label")} onKeyDown={onKey}>
        {tabs.map((name) => (
          <button
            key={name}
            ref={(el) => void (buttons.current[name] = el)}
            type="button"
            role="tab"
            id={`settings-tab-${name}`}
            aria-selected={tab === name}
            aria-controls="settings-panel"
            tabIndex={tab === name ? 0 : -1}
            className="settings-tab"
            onClick={() => choose(name)}
          >
            {t(`tab.${name}`)}
          </button>
        ))}
      </div>
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
