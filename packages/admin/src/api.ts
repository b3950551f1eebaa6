// Calls to the Koe API with the session cookie. Changes carry the CSRF token the session gave us;
// errors arrive as problem+json and become ApiError with the server's own words.
import { useCallback, useEffect, useRef, useState } from "react";

export interface Problem {
  title?: string;
  detail?: string;
  status: number;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  /** The message for a field, from the problem's `errors` list. */
  field(path: string): string | undefined {
    return this.problem.errors?.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  }
}

let csrfToken = "";
let onUnauthorized: () => void = () => {};
export const setCsrfToken = (token: string) => void (csrfToken = token);
export const setOnUnauthorized = (fn: () => void) => void (onUnauthorized = fn);

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; query?: Query; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  const res = await fetch(withQuery(`/api/v1${path}`, init.query), {
    method,
    headers,
    credentials: "same-origin",
    body: init.body === undefined ? null : JSON.stringify(init.body),
    signal: init.signal ?? null,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith("/session")) onUnauthorized();
    throw new ApiError(res.status, (data as Problem | undefined) ?? { status: res.status });
  }
  return data as T;
}

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing yet) and again whenever it changes; the newest answer wins. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({
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
      (data) => ticket === latest.current && setState({ data, loading: false }),
      (error: Error) =>
        ticket === latest.current && error.name !== "AbortError" && setState({ error, loading: false }),
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
