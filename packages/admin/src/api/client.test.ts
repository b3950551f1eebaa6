import { afterEach, describe, expect, it, vi } from "vitest";
// The client's rules on every call: ApiError with the problem, CSRF header on changes, 401 reported, aborts
// let through, empty query values left out.
import { ApiError, client, fileBody, ok, setCsrfToken, setOnUnauthorized } from "./client.ts";
import { failed } from "./hooks.ts";

const answer = (status: number, body: string, type = "application/json") =>
  vi.fn(() =>
    Promise.resolve(
      new Response(status === 204 ? null : body, { status, headers: { "content-type": type } }),
    ),
  );

const refusal = async (p: Promise<unknown>): Promise<ApiError> => {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
};

afterEach(() => {
  vi.unstubAllGlobals();
  setOnUnauthorized(() => {});
});

const workspace = () => ok(client.GET("/api/v1/workspace"));

/** The request the stubbed fetch was given. */
const sent = (fetch: ReturnType<typeof answer>) => (fetch.mock.calls[0] as unknown as [Request])[0];

describe("the client", () => {
  it("reads problem+json into an ApiError with its status and the server's words", async () => {
    vi.stubGlobal(
      "fetch",
      answer(409, JSON.stringify({ status: 409, detail: "a workspace keeps an owner" })),
    );
    const e = await refusal(
      ok(client.PATCH("/api/v1/users/{id}", { params: { path: { id: "1" } }, body: { role: "admin" } })),
    );
    expect(e.status).toBe(409);
    expect(e.detail).toBe("a workspace keeps an owner");
  });

  it("sends a file as its bytes, unchanged, with the given type and the CSRF header", async () => {
    const fetch = answer(200, JSON.stringify({ added: 1 }));
    vi.stubGlobal("fetch", fetch);
    const sjis = new Uint8Array([0x8e, 0x52, 0x93, 0x63, 0x0d, 0x0a]); // 山田 in Shift_JIS
    const file = new Blob([sjis]);
    setCsrfToken("token-1");
    await ok(
      client.POST("/api/v1/campaigns/{id}/audience", {
        params: { path: { id: "1" } },
        ...fileBody(file, "text/csv"),
      }),
    );
    const request = sent(fetch);
    expect(new Uint8Array(await request.arrayBuffer())).toEqual(sjis);
    expect(request.headers.get("content-type")).toBe("text/csv");
    expect(request.headers.get("x-csrf-token")).toBe("token-1");
    expect(new URL(request.url).pathname).toBe("/api/v1/campaigns/1/audience");
  });

  it("turns a network failure into status 0", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    const e = await refusal(workspace());
    expect(e.status).toBe(0);
    expect(e.detail).toBe("Failed to fetch");
  });

  it("tolerates a proxy's HTML error page, and still reports a 401", async () => {
    const seen: string[] = [];
    setOnUnauthorized((method) => seen.push(method));
    vi.stubGlobal("fetch", answer(502, "<html>Bad Gateway</html>", "text/html"));
    expect((await refusal(workspace())).status).toBe(502);
    vi.stubGlobal("fetch", answer(401, "<html>Unauthorized</html>", "text/html"));
    expect((await refusal(ok(client.PATCH("/api/v1/workspace", { body: {} })))).status).toBe(401);
    expect(seen).toEqual(["PATCH"]);
  });

  it("leaves a 401 on /session to the session itself", async () => {
    const seen: string[] = [];
    setOnUnauthorized((method) => seen.push(method));
    vi.stubGlobal("fetch", answer(401, JSON.stringify({ status: 401, detail: "not signed in" })));
    await refusal(ok(client.GET("/api/v1/session")));
    expect(seen).toEqual([]);
  });

  it("refuses a success that is not JSON", async () => {
    vi.stubGlobal("fetch", answer(200, "<html>sign in to the proxy</html>", "text/html"));
    expect((await refusal(workspace())).status).toBe(200);
  });

  it("lets an abort through as it is", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new DOMException("aborted", "AbortError"))),
    );
    const e: unknown = await workspace().catch((err: unknown) => err);
    expect(e).not.toBeInstanceOf(ApiError);
    expect((e as Error).name).toBe("AbortError");
  });

  it("sends no CSRF header on a read, and the query without its empty values", async () => {
    const fetch = answer(200, JSON.stringify({ data: [], nextCursor: null }));
    vi.stubGlobal("fetch", fetch);
    setCsrfToken("token-2");
    await ok(client.GET("/api/v1/outbox", { params: { query: { limit: 50, cursor: "", to: undefined } } }));
    const request = sent(fetch);
    expect(request.headers.get("x-csrf-token")).toBeNull();
    expect(new URL(request.url).search).toBe("?limit=50");
    expect(request.credentials).toBe("same-origin");
  });

  it("answers JSON and 204", async () => {
    vi.stubGlobal("fetch", answer(200, JSON.stringify({ ok: true })));
    expect(await workspace()).toEqual({ ok: true });
    vi.stubGlobal("fetch", answer(204, ""));
    expect(await ok(client.DELETE("/api/v1/session"))).toBeUndefined();
  });
});

describe("useApi's failure", () => {
  const error = new Error("down");
  it("keeps the data of the same path (a poll or a reload)", () => {
    expect(failed({ data: 1, of: "/a", loading: true }, "/a", error)).toEqual({
      data: 1,
      of: "/a",
      error,
      loading: false,
    });
  });
  it("drops the data of an older path: it does not answer this one", () => {
    expect(failed({ data: 1, of: "/a", loading: true }, "/b", error)).toEqual({ error, loading: false });
  });
});
