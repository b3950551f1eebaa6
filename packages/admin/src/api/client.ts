// The admin app's calls to the Koe API: openapi-fetch typed by the contract (schema.gen.ts, generated from
// the server's OpenAPI document), with the session cookie; changes carry the CSRF token the session gave us.
// Every failure but an abort becomes an ApiError with a status (0: the server could not be reached), so
// callers can say it in the reader's language (error-text.ts); the server's own words ride along.
import createClient, {
  type ClientPathsWithMethod,
  type MaybeOptionalInit,
  type Middleware,
} from "openapi-fetch";
import type { components, paths } from "./schema.gen.ts";

/** Problem details (RFC 9457) as the server sends them; only `status` when the answer was not one. */
export type Problem = Partial<components["schemas"]["Problem"]> & {
  status: number;
  /** With survey-not-active: the survey's status (draft or closed). */
  surveyStatus?: string;
};

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

// An abort is the caller's own doing, not a failure: it stays as the browser threw it.
export const isAbort = (e: unknown) =>
  typeof e === "object" && e !== null && "name" in e && e.name === "AbortError";

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

type QueryValue = string | number | boolean | null | undefined;
/** Query values, and objects of them for exploded parameters (`attribute.plan=pro`). */
export type Query = Record<string, QueryValue | Record<string, QueryValue>>;

/** A query string without the empty values (a filter left blank is no filter). */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  const put = (k: string, v: QueryValue) => {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  };
  for (const [k, v] of Object.entries(query))
    if (typeof v === "object" && v !== null) for (const [kk, vv] of Object.entries(v)) put(kk, vv);
    else put(k, v);
  return params.toString();
}

/** A path with a query, for links (the export's address, another page's filters). */
export function withQuery(path: string, query?: Query): string {
  const qs = queryString(query);
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

/** The rules every call follows, whatever its operation. */
const sessionRules: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && request.method !== "HEAD") request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
  async onResponse({ request, response, schemaPath }) {
    if (response.status === 204) return response;
    const text = await response.text();
    const data = parse(text);
    if (!response.ok) {
      // A 401 on the session itself is the session's to handle (not signed in yet, a wrong password).
      if (response.status === 401 && !schemaPath.startsWith("/api/v1/session"))
        onUnauthorized(request.method);
      throw new ApiError(response.status, asProblem(data, response.status));
    }
    if (text && data === undefined)
      throw new ApiError(response.status, { status: response.status }, new Error("the answer is not JSON"));
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  },
  onError({ error }) {
    return isAbort(error) || error instanceof ApiError
      ? (error as Error)
      : new ApiError(0, { status: 0 }, error);
  },
};

export const client = createClient<paths>({
  // Requests need an absolute URL outside a browser (the unit tests); in the app it is the page's origin.
  baseUrl: globalThis.location?.origin ?? "http://localhost",
  credentials: "same-origin",
  headers: { accept: "application/json" },
  querySerializer: (query) => queryString(query as Query),
  // Looked up on each call, so a test's stubbed fetch is the one used.
  fetch: (request) => globalThis.fetch(request),
});
client.use(sessionRules);

/** A call's answer, or its ApiError: `await ok(client.PATCH("/api/v1/users/{id}", {...}))`. */
export async function ok<D>(pending: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await pending;
  // The middleware already threw for every refusal; this is for a refusal it could not have seen.
  if (!response.ok) throw new ApiError(response.status, asProblem(error, response.status));
  return data as D;
}

/** The body of an upload operation: a file sent as its bytes, unchanged (its encoding is the server's to read). */
export const fileBody = (file: Blob, type: string) => ({
  body: file as never,
  bodySerializer: (b: unknown) => b,
  headers: { "content-type": type },
});

export type GetPath = ClientPathsWithMethod<typeof client, "get">;
export type GetInit<P extends GetPath> = MaybeOptionalInit<paths[P], "get">;
/** A GET's JSON answer, as the schema says (openapi-fetch's own type loosens tuples such as [low, high] to arrays). */
export type GetData<P extends GetPath> = paths[P]["get"] extends { responses: infer R }
  ? {
      [S in keyof R & (200 | 201 | 202)]: R[S] extends { content: { "application/json": infer J } }
        ? J
        : never;
    }[keyof R & (200 | 201 | 202)]
  : never;

/** GETs an operation's answer, typed by its path. */
export const get = <P extends GetPath>(
  path: P,
  init?: GetInit<P>,
  signal?: AbortSignal,
): Promise<GetData<P>> =>
  ok(client.GET(path, { ...(init as object), ...(signal ? { signal } : {}) } as never)) as Promise<
    GetData<P>
  >;

/** The query parameters a GET operation takes. */
export type QueryOf<P extends GetPath> = NonNullable<NonNullable<NonNullable<GetInit<P>>["params"]>["query"]>;

/** A value read from the page's URL, kept when it is one of the API's words (else no filter). */
export const oneOf = <T extends string>(
  words: readonly T[],
  value: string | null | undefined,
): T | undefined =>
  (words as readonly (string | null | undefined)[]).includes(value) ? (value as T) : undefined;
