// Contacts and Companies, the two lists under the Contacts navigation item: links that look like tabs,
// the current one marked for screen readers (aria-current).
import { useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { contactsMessages } from "./messages.ts";

export function ContactsTabs({ current }: { current: "contacts" | "companies" }) {
  const t = useT(contactsMessages);
  return (
    <nav className="contacts-tabs" aria-label={t("tabs.label")}>
      {(["contacts", "companies"] as const).map((tab) => (
        <Link
          key={tab}
          to={`/${tab}`}
          className={`contacts-tab${tab === current ? " is-current" : ""}`}
          aria-current={tab === current ? "page" : undefined}
        >
          {t(`tabs.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}
