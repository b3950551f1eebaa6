// Signing in to the admin app in tests: requests then carry the session cookie and the CSRF token.
import type { TestClient } from "./app.ts";

export interface SessionClient {
  cookie: string;
  /** Like TestClient.call, as the signed-in user (cookie + x-csrf-token) instead of an API key. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function signInAs(api: TestClient, email: string, password: string): Promise<SessionClient> {
  const res = await api.app.request("/api/v1/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  const cookie = /koe_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    async call(method, path, body) {
      const r = await api.app.request(path, {
        method,
        headers: {
          cookie: `koe_session=${cookie}`,
          "x-csrf-token": csrfToken,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
  };
}
