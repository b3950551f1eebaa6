// The frame around every page: navigation, workspace, language switch and sign-out. A page that fails
// (its code gone after an upgrade, or a render error) is caught here, so the frame stays.
import { Suspense, useEffect, useRef, useState } from "react";
import { useT } from "./i18n/i18n.tsx";
import { PageBoundary } from "./page-boundary.tsx";
import { RecordTitleProvider } from "./record-title.tsx";
import { LangSwitch } from "./ui/lang-switch.tsx";
import { Link, matchPath, useFocusOnNavigate, useLocation } from "./router.tsx";
import { navItems, navPath, routes } from "./routes.ts";
import { useSession, useSignedIn } from "./session.tsx";
import { Loading } from "./ui/states.tsx";
import { WorkspaceSwitcher } from "./workspace-switcher.tsx";

export function Shell() {
  const t = useT();
  const session = useSignedIn();
  const { signOut } = useSession();
  const loc = useLocation();
  const { path } = loc;
  const [menuOpen, setMenuOpen] = useState(false);
  const content = useRef<HTMLElement>(null);
  const found = routes.flatMap((r) => {
    const params = matchPath(r.pattern, path);
    return params ? [{ ...r, params }] : [];
  })[0];
  const Page = found?.page;
  const [record, setRecord] = useState<string | undefined>();
  const section = found?.nav ? `${t(`nav.${found.nav}`)} · Koe` : "Koe";
  const title = record ? `${record} · ${section}` : section;
  useEffect(() => void (document.title = title), [title]);
  useFocusOnNavigate(content, loc);
  return (
    <div className="shell">
      <aside className={`sidebar${menuOpen ? " open" : ""}`}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            声
          </span>
          <span className="brand-name">Koe</span>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {t("nav.menu")}
          </button>
        </div>
        <nav aria-label={t("nav.menu")}>
          {navItems.map((item) => (
            <Link
              key={item}
              to={navPath(item)}
              className={`nav-link${found?.nav === item ? " active" : ""}`}
              aria-current={found?.nav === item ? "page" : undefined}
              onClick={() => setMenuOpen(false)}
            >
              {t(`nav.${item}`)}
            </Link>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <WorkspaceSwitcher />
          <div className="topbar-actions">
            <LangSwitch />
            <span className="user-name" title={session.user.email}>
              {session.user.name || session.user.email}
            </span>
            <button type="button" className="button button-quiet" onClick={() => void signOut()}>
              {t("header.signOut")}
            </button>
          </div>
        </header>
        <main className="content" ref={content}>
          <Suspense fallback={<Loading />}>
            <PageBoundary resetKey={`${path}?${loc.search.toString()}`}>
              {Page && found ? (
                <RecordTitleProvider value={setRecord}>
                  <Page params={found.params} />
                </RecordTitleProvider>
              ) : (
                <div className="state">{t("state.notFound")}</div>
              )}
            </PageBoundary>
          </Suspense>
        </main>
      </div>
    </div>
  );
}
