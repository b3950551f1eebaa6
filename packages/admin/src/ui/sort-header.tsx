// A sortable column header: a real button inside the <th> (keyboard and screen readers reach it), with
// aria-sort telling which column the table is sorted by. The sort lives in the URL (?sort=n&dir=desc) so
// a sorted view can be shared like any filter.
import type { ReactNode } from "react";
import { setSearch, useLocation } from "../router.tsx";
import "./sort-header.css";

export type SortDir = "asc" | "desc";

export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

/** The sort in the URL, else `fallback`; unknown keys fall back too. */
export function useUrlSort<K extends string>(keys: readonly K[], fallback: SortState<K>): SortState<K> {
  const { search } = useLocation();
  const key = search.get("sort");
  const dir = search.get("dir");
  return {
    key: keys.includes(key as K) ? (key as K) : fallback.key,
    dir: dir === "asc" || dir === "desc" ? dir : fallback.dir,
  };
}

/** Clicking the sorted column flips it; another column starts with `firstDir`. */
export function sortBy<K extends string>(current: SortState<K>, key: K, firstDir: SortDir = "asc"): void {
  const dir = current.key === key ? (current.dir === "asc" ? "desc" : "asc") : firstDir;
  setSearch({ sort: key, dir });
}

export function SortHeader<K extends string>({
  sortKey,
  sort,
  firstDir = "asc",
  className,
  title,
  children,
}: {
  sortKey: K;
  sort: SortState<K>;
  firstDir?: SortDir;
  className?: string;
  title?: string;
  children: ReactNode;
}) {
  const active = sort.key === sortKey;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button type="button" className="sort" title={title} onClick={() => sortBy(sort, sortKey, firstDir)}>
        {children}
        <span className={`sort-mark${active ? " sort-active" : ""}`} aria-hidden="true">
          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
