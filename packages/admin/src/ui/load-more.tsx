// The foot of a cursor-paged list (usePages): "Load more" while there is more, "Loading…" while the next
// page comes, and a failure with a retry under the items already shown.
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
  if (pages.error && pages.items) {
    return <ErrorNote error={pages.error} retry={pages.more ?? pages.reload} />;
  }
  if (!pages.more && !waiting) return null;
  const more = pages.more;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button"
        disabled={waiting || !more}
        onClick={() => {
          setAsked(true);
          more?.();
        }}
      >
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
