// A small history router: the app's routes live under /admin, filters live in the query string so a
// view can be shared and survives a reload.
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent, type RefObject } from "react";

export const BASE = "/admin";
const CHANGE = "koe:navigate";

/** A pushed navigation to another page waits for its heading to take focus. */
let focusPending = false;
let stopWatching = () => {};

export function navigate(to: string, { replace = false } = {}): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to}`;
  if (replace) history.replaceState(null, "", url);
  else {
    // Only a new page: a tab or filter pushed to the query string keeps focus and scroll where they are.
    const newPage = new URL(url, location.href).pathname !== location.pathname;
    history.pushState(null, "", url);
    if (newPage) {
      focusPending = true;
      window.scrollTo(0, 0);
    }
  }
  window.dispatchEvent(new Event(CHANGE));
}

/**
 * After a pushed navigation, moves focus to the h1 inside `container` (a screen reader then starts on the
 * new page), waiting a few seconds for a page whose code or data is still loading.
 */
export function useFocusOnNavigate(container: RefObject<HTMLElement | null>, loc: Location): void {
  useEffect(() => {
    const root = container.current;
    if (!focusPending || !root) return;
    focusPending = false;
    stopWatching();
    const tryFocus = () => {
      if (root.contains(document.activeElement)) return true; // the user is already in the page
      const h1 = root.querySelector("h1");
      if (!h1) return false;
      if (!h1.hasAttribute("tabindex")) h1.tabIndex = -1;
      h1.focus({ preventScroll: true });
      return true;
    };
    if (tryFocus()) return;
    // Not tied to this effect: a filter replacing the query string while the page loads must not stop it.
    const observer = new MutationObserver(() => {
      if (tryFocus()) stopWatching();
    });
    const timer = setTimeout(() => stopWatching(), 5000);
    stopWatching = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(root, { childList: true, subtree: true });
  }, [container, loc]);
}

export interface Location {
  /** The path inside the app, e.g. "/contacts/123" ("/" for the overview). */
  path: string;
  search: URLSearchParams;
}

function read(): Location {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return { path: path === "" ? "/" : path, search: new URLSearchParams(location.search) };
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener("popstate", update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return loc;
}

/** Params of `pattern` ("/contacts/:id") in `path`, or null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const trim = (p: string) => (p.length > 1 ? p.replace(/\/$/, "") : p);
  const want = trim(pattern).split("/");
  const got = trim(path).split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const g = got[i] ?? "";
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

/** Changes some query parameters of the current view (empty values are removed), keeping the others. */
export function setSearch(changes: Record<string, string | null | undefined>, { replace = true } = {}): void {
  const { path, search } = read();
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") search.delete(key);
    else search.set(key, value);
  }
  const qs = search.toString();
  navigate(`${path}${qs ? `?${qs}` : ""}`, { replace });
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const href = to.startsWith(BASE) ? to : `${BASE}${to}`;
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
