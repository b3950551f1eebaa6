// A cursor-paged list (usePages) with its states: loading, a failure with a retry from the first page, the
// page's own words when there is nothing, and a "Load more" button under the items while there is more.
// The filtered feeds (responses, contacts) use LoadMore instead: it keeps their items through a failed
// next page.
import type { ReactNode } from "react";
import { useT } from "../i18n/i18n.tsx";
import { Empty, Loaded } from "./states.tsx";
import type { Pages } from "./use-pages.ts";
import "./paged-list.css";

export function PagedList<T>({
  pages,
  empty,
  children,
}: {
  pages: Pages<T>;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const t = useT();
  return (
    <>
      <Loaded data={pages.items} error={pages.error} reload={pages.reload}>
        {(items) => (items.length === 0 ? <Empty>{empty}</Empty> : children(items))}
      </Loaded>
      {pages.more && (
        <div className="list-more">
          <button type="button" className="button" onClick={pages.more}>
            {t("action.more")}
          </button>
        </div>
      )}
    </>
  );
}
