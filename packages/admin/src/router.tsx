// A small history router: the app's routes live under /admin, filters live in the query string so a
// view can be shared and survives a reload.
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";

export const BASE = "/admin";
const CHANGE = "koe:navigate";

export function navigate(to: string, { replace = false } = {}): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to}`;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  window.dispatchEvent(new Event(CHANGE));
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
