// A cursor-paged list ({ data, nextCursor }) read page by page: the first page when the path changes, the
// next one when the user asks for more. Lists such as the outbox grow without bound, so we never load all.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, withQuery, type Page } from "../api.ts";

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

export function usePages<T>(path: string): Pages<T> {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const ticket = useRef(0);

  const load = useCallback(
    (after: string | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      api<Page<T>>(withQuery(path, { cursor: after })).then(
        (page) => {
          if (mine !== ticket.current) return;
          setItems((old) => (after && old ? [...old, ...page.data] : page.data));
          setCursor(page.nextCursor);
          setError(undefined);
          setLoading(false);
        },
        (e: Error) => {
          if (mine !== ticket.current) return;
          setError(e);
          setLoading(false);
        },
      );
    },
    [path],
  );

  useEffect(() => load(null), [load, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const replace = useCallback(
    (match: (item: T) => boolean, next: T) => setItems((old) => old?.map((i) => (match(i) ? next : i))),
    [],
  );
  const more = cursor && !loading ? () => load(cursor) : null;
  return { items, error, loading, more, reload, replace };
}
