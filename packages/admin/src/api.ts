// Calls to the Koe API with the session cookie. Changes carry the CSRF token the session gave us.
// Every failure but an abort becomes an ApiError with a status (0: the server could not be reached), so
// callers can say it in the reader's language (error-text.ts); the server's own words ride along.
import { useCallback, useEffect, useRef, useState } from "react";

export interface Problem {
  /** Tells one refusal from others of its status, e.g. urn:koe:problem:survey-not-active. */
  type?: string;
  title?: string;
  detail?: string;
  status: number;
  /** Field errors; `line` for an uploaded file's line. */
  errors?: { path: string; message: string; line?: number }[];
  /** With survey-not-active: the survey's status (draft or closed). */
  surveyStatus?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    cause?: unknown,
  ) {
    super(problem.detail ?? problem.title ?? (cause instanceof Error ? cause.message : `HTTP ${status}`), {
      cause,
    });
    this.name = "ApiError";
  }
  /** What the server (or, for a network failure, the browser) said: English, for a detail line. */
  get detail(): string | undefined {
    return (
      this.problem.detail ??
      this.problem.title ??
      (this.cause instanceof Error ? this.cause.message : undefined)
    );
  }
  /** The message for a field, from the problem's `errors` list. */
  field(path: string): string | undefined {
    return this.problem.errors?.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  }
}

let csrfToken = "";
let onUnauthorized: (method: string) => void = () => {};
export const setCsrfToken = (token: string) => void (csrfToken = token);
export const setOnUnauthorized = (fn: (method: string) => void) => void (onUnauthorized = fn);

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

// An abort is the caller's own doing, not a failure: it stays as the browser threw it.
const isAbort = (e: unknown) => typeof e === "object" && e !== null && "name" in e && e.name === "AbortError";

/** The body as JSON; undefined when empty or not JSON (a proxy's HTML error page). */
function parse(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const asProblem = (data: unknown, status: number): Problem =>
  typeof data === "object" && data !== null && !Array.isArray(data)
    ? { ...(data as Partial<Problem>), status }
    : { status };

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
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.file) headers["content-type"] = init.file.type;
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  let res: Response;
  let text: string;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, init.query), {
      method,
      headers,
      credentials: "same-origin",
      body: init.file ? init.file.body : init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
    });
    text = res.status === 204 ? "" : await res.text();
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, { status: 0 }, e);
  }
  if (res.status === 204) return undefined as T;
  const data = parse(text);
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith("/session")) onUnauthorized(method);
    throw new ApiError(res.status, asProblem(data, res.status));
  }
  if (text && data === undefined)
    throw new ApiError(res.status, { status: res.status }, new Error("the answer is not JSON"));
  return data as T;
}

export interface Loaded<T> {
  /** The last good answer for this path: kept through a failed refetch, beside `error`. */
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

interface State<T> {
  data?: T;
  /** The path `data` answered. */
  of?: string;
  error?: Error;
  loading: boolean;
}

/** A GET failed: the data stays if it answered the same path (a poll or reload), not an older one. */
export const failed = <T>(s: State<T>, path: string, error: Error): State<T> =>
  s.of === path ? { ...s, error, loading: false } : { error, loading: false };

/** GETs `path` (null: nothing yet) and again whenever it changes; the newest answer wins. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<State<T>>({ loading: path !== null });
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
