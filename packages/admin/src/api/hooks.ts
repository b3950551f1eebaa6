// Reading the API from components: an operation's answer, fetched again whenever its path or parameters
// change (the newest answer wins), and cursor-paged lists read page by page.
import { useCallback, useEffect, useRef, useState } from "react";
import { get, isAbort, type GetData, type GetInit, type GetPath } from "./client.ts";

export interface Loaded<T> {
  /** The last good answer for this request: kept through a failed refetch, beside `error`. */
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

interface State<T> {
  data?: T;
  /** The request (path and parameters) `data` answered. */
  of?: string;
  error?: Error;
  loading: boolean;
}

/** A GET failed: the data stays if it answered the same request (a poll or reload), not an older one. */
export const failed = <T>(s: State<T>, key: string, error: Error): State<T> =>
  s.of === key ? { ...s, error, loading: false } : { error, loading: false };

/** What tells two requests apart: the path and its parameters. */
const keyOf = (path: string, init: unknown) => `${path} ${JSON.stringify(init ?? {})}`;

/** GETs `path` with `init`'s parameters (path null: nothing yet), and again whenever they change. */
export function useGet<P extends GetPath>(path: P | null, init?: GetInit<P>): Loaded<GetData<P>> {
  const key = path === null ? null : keyOf(path, init);
  const [state, setState] = useState<State<GetData<P>>>({ loading: key !== null });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  // The parameters as of the key: a new object with the same parameters is the same request.
  const request = useRef<{ path: P; init: GetInit<P> | undefined } | null>(null);
  request.current = path === null ? null : { path, init };
  useEffect(() => {
    if (key === null || !request.current) return;
    const ticket = ++latest.current;
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    get(request.current.path, request.current.init, abort.signal).then(
      (data) => ticket === latest.current && setState({ data, of: key, loading: false }),
      (error: Error) =>
        ticket === latest.current && !isAbort(error) && setState((s) => failed(s, key, error)),
    );
    return () => abort.abort();
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
