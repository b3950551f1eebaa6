// The foot of a cursor-paged list (usePages): "Load more" while there is more, "Loading…" while the next
// page comes, and a next page's failure with a retry of that page under the items already shown (a first
// page's failure leaves no items: the page shows it, retried by reload).
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/i18n.tsx";
import type { Pages } from "./use-pages.ts";
import { ErrorNote } from "./states.tsx";
import "./load-more.css";

export function LoadMore<T>({ pages }: { pages: Pages<T> }) {
  const t = useT();
  // Whether the user asked for the next page: a reload of the first page (new filters) also loads.
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!pages.loading) setAsked(false);
  }, [pages.loading]);
  const waiting = asked && pages.loading;
  const more = pages.more;
  const ask = () => {
    setAsked(true);
    more?.();
  };
  if (pages.error && pages.items && !pages.loading) {
    // A next page failed: its cursor is kept, so `more` asks for it again (shown as loading meanwhile).
    return <ErrorNote error={pages.error} retry={more ? ask : pages.reload} />;
  }
  if (!more && !waiting) return null;
  return (
    <div className="load-more">
      <button type="button" className="button" disabled={waiting || !more} onClick={ask}>
        {waiting && <span className="spinner" aria-hidden="true" />}
        {waiting ? t("state.loading") : t("action.more")}
      </button>
    </div>
  );
}

/** Whether the items shown are for an older path (new filters are loading), not the next page coming. */
export function useStale<T>(path: string, pages: Pages<T>): boolean {
  const shownFor = useRef(path);
  useEffect(() => {
    if (!pages.loading) shownFor.current = path;
  }, [pages.loading, path]);
  return pages.loading && shownFor.current !== path;
}
