// A cursor-paged list ({ data, nextCursor }) read page by page: the first page when the path changes, the
// next one when the user asks for more. Lists such as the outbox grow without bound, so we never load all.
// A failed first page leaves no items (page-state.ts), so the page shows the failure and its retry reloads.
import { useCallback, useEffect, useRef, useState } from "react";
import { get, type GetData, type GetInit, type GetPath } from "../api/client.ts";
import { noPages, pageFailed, pageLoaded, type PageState } from "./page-state.ts";

export interface Pages<T> {
  items: T[] | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads the next page; null when there is none. */
  more: (() => void) | null;
  reload: () => void;
  /** Replaces one item in place (after an action returned its new state). */
  replace: (match: (item: T) => boolean, next: T) => void;
}

/** The list operations: those answering one page ({ data, nextCursor }). */
type PagedPath = {
  [P in GetPath]: GetData<P> extends { data: unknown[]; nextCursor: string | null } ? P : never;
}[GetPath];
type ItemOf<P extends PagedPath> = GetData<P> extends { data: (infer T)[] } ? T : never;

/** The pages of a list operation with `init`'s parameters; from the first page again when they change. */
export function usePages<P extends PagedPath>(path: P, init?: GetInit<P>): Pages<ItemOf<P>> {
  type T = ItemOf<P>;
  const key = `${path} ${JSON.stringify(init ?? {})}`;
  const request = useRef({ path, init });
  request.current = { path, init };
  const [state, setState] = useState<PageState<T>>(noPages);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const ticket = useRef(0);

  const load = useCallback(
    (after: string | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      const { path: at, init: given } = request.current;
      const params = (given as { params?: { query?: object } } | undefined)?.params;
      const withCursor = { ...given, params: { ...params, query: { ...params?.query, cursor: after } } };
      get(at, withCursor as GetInit<P>).then(
        (answer) => {
          const page = answer as { data: T[]; nextCursor: string | null };
          if (mine !== ticket.current) return;
          setState((s) => pageLoaded(s, after, page));
          setLoading(false);
        },
        (e: Error) => {
          if (mine !== ticket.current) return;
          setState((s) => pageFailed(s, after, e));
          setLoading(false);
        },
      );
    },
    [key],
  );

  useEffect(() => load(null), [load, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const replace = useCallback(
    (match: (item: T) => boolean, next: T) =>
      setState((s) => ({ ...s, items: s.items?.map((i) => (match(i) ? next : i)) })),
    [],
  );
  const { items, cursor, error } = state;
  const more = cursor && !loading ? () => load(cursor) : null;
  return { items, error, loading, more, reload, replace };
}
