// Calls by a plain path, typed by the caller: for the operations whose answer the contract does not
// declare yet. They go through the typed client's transport (api/client.ts: session cookie, CSRF token,
// ApiError, abort), so moving a call to the client changes its types, not its behaviour.
import { useCallback, useEffect, useRef, useState } from "react";
import { client, isAbort, ok, queryString, type Query } from "./api/client.ts";
import { failed, type Loaded } from "./api/hooks.ts";

export type { Loaded } from "./api/hooks.ts";
export { ApiError, setCsrfToken, setOnUnauthorized, type Problem, type Query } from "./api/client.ts";

export function withQuery(path: string, query?: Query): string {
  const qs = queryString(query);
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

export async function api<T>(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    /** A file sent as its bytes, unchanged (a CSV's encoding is the server's to read), with this type. */
    file?: { body: Blob; type: string };
    query?: Query;
    signal?: AbortSignal;
  } = {},
): Promise<T> {
  const method = (init.method ?? "GET").toLowerCase() as "get";
  const options = {
    ...(init.file
      ? {
          body: init.file.body,
          bodySerializer: (b: unknown) => b,
          headers: { "content-type": init.file.type },
        }
      : init.body !== undefined
        ? { body: init.body }
        : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  };
  return ok<T>(
    client.request(method, withQuery(`/api/v1${path}`, init.query) as never, options as never) as never,
  );
}

/** GETs `path` (null: nothing yet) and again whenever it changes; the newest answer wins. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; of?: string; error?: Error; loading: boolean }>({
    loading: path !== null,
  });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (path === null) return;
    const ticket = ++latest.current;
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api<T>(path, { signal: abort.signal }).then(
      (data) => ticket === latest.current && setState({ data, of: path, loading: false }),
      (error: Error) =>
        ticket === latest.current && !isAbort(error) && setState((s) => failed(s, path, error)),
    );
    return () => abort.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
