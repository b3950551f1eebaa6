// The public pages' rate limit through the real app: whom a request counts against, with and without a
// trusted reverse proxy in front. Requests carry a socket address as the Node server gives it.
import { ManualClock } from "../../clock.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { TEST_SECRET } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { createApp, type App } from "../app.ts";
import type { AppDeps } from "../env.ts";
import { parseProxyTrust } from "../proxy-trust.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

/** An app whose public pages allow two requests a minute per client; its clock stands still. */
function app(extra: Partial<AppDeps> = {}): App {
  return createApp({
    db: open.db,
    version: "test",
    secret: TEST_SECRET,
    baseUrl: "http://koe.test",
    publicRequestsPerMinute: 2,
    clock: new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 30)),
    ...extra,
  });
}

/** A public page (an unknown survey: a 404 page, still counted) from `socket` with these headers. */
async function page(a: App, socket: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await a.request(
    "/s/no-such-survey",
    { headers },
    { incoming: { socket: { remoteAddress: socket } } },
  );
  return res.status;
}

describe("the public pages' rate limit", () => {
  it("counts a client by its socket address when no proxy is trusted, whatever it claims in headers", async () => {
    const a = app();
    const spoofed: Record<string, string>[] = [
      { "x-forwarded-for": "203.0.113.1" },
      { "x-forwarded-for": "203.0.113.2", forwarded: "for=203.0.113.2" },
      { "x-forwarded-for": "203.0.113.3", forwarded: "for=203.0.113.3" },
    ];
    const statuses = [];
    for (const headers of spoofed) statuses.push(await page(a, "198.51.100.20", headers));
    expect(statuses).toEqual([404, 404, 429]);
    // The same peer over IPv6's mapped form is the same client.
    expect(await page(a, "::ffff:198.51.100.20")).toBe(429);
    expect(await page(a, "198.51.100.21")).toBe(404);
  });

  it("ignores the headers of a peer that is not one of the trusted proxies", async () => {
    const a = app({ proxy: { trust: parseProxyTrust("10.0.0.0/8")!, header: "x-forwarded-for" } });
    const statuses = [];
    for (const client of ["203.0.113.1", "203.0.113.2", "203.0.113.3"])
      statuses.push(await page(a, "198.51.100.20", { "x-forwarded-for": client }));
    expect(statuses).toEqual([404, 404, 429]);
  });

  it("behind a trusted proxy, counts each client by the address the proxy names", async () => {
    const a = app({ proxy: { trust: { hops: 1 }, header: "x-forwarded-for" } });
    const proxy = "10.0.0.2";
    const first = [];
    for (let i = 0; i < 3; i++) first.push(await page(a, proxy, { "x-forwarded-for": "203.0.113.1" }));
    expect(first).toEqual([404, 404, 429]);
    // Others behind the same proxy are not held back by the first client.
    expect(await page(a, proxy, { "x-forwarded-for": "203.0.113.2" })).toBe(404);
    expect(await page(a, proxy, { "x-forwarded-for": "2001:db8::2" })).toBe(404);
    // The first client cannot escape by writing an address of its own in front of the proxy's entry.
    expect(await page(a, proxy, { "x-forwarded-for": "192.0.2.99, 203.0.113.1" })).toBe(429);
    // A header the walk cannot read counts against the proxy's own address.
    expect(await page(a, proxy, { "x-forwarded-for": "garbage" })).toBe(404);
    expect(await page(a, proxy, { "x-forwarded-for": "garbage" })).toBe(404);
    expect(await page(a, proxy)).toBe(429);
  });

  it("reads RFC 7239 Forwarded when told to, and then X-Forwarded-For is the client's own claim", async () => {
    const a = app({ proxy: { trust: parseProxyTrust("loopback")!, header: "forwarded" } });
    const statuses = [];
    for (const xff of ["203.0.113.7", "203.0.113.8", "203.0.113.9"])
      statuses.push(
        await page(a, "127.0.0.1", { forwarded: 'for="[2001:db8::7]:443"', "x-forwarded-for": xff }),
      );
    expect(statuses).toEqual([404, 404, 429]);
    expect(await page(a, "127.0.0.1", { forwarded: "for=203.0.113.7;proto=https" })).toBe(404);
  });

  it("limits sign-in attempts per client behind the proxy too", async () => {
    const a = app({ proxy: { trust: { hops: 1 }, header: "x-forwarded-for" } });
    const signIn = (client: string) =>
      a.request(
        "/api/v1/session",
        {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": client },
          body: JSON.stringify({ email: "nobody@example.com", password: "wrong password" }),
        },
        { incoming: { socket: { remoteAddress: "10.0.0.2" } } },
      );
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn("203.0.113.1")).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    expect((await signIn("203.0.113.2")).status).toBe(401);
  });
});

describe("the rate limit's window", () => {
  it("is the app clock's minute: a limited client waits as long as retry-after says, and no longer", async () => {
    const clock = new ManualClock("2026-12-03T09:00:30Z");
    const a = app({ clock });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await page(a, "198.51.100.30"));
    expect(statuses).toEqual([404, 404, 429]);
    const limited = await a.request(
      "/s/no-such-survey",
      {},
      { incoming: { socket: { remoteAddress: "198.51.100.30" } } },
    );
    expect(limited.headers.get("retry-after")).toBe("30");
    await clock.advance(29_999);
    expect(await page(a, "198.51.100.30")).toBe(429);
    await clock.advance(1); // 09:01:00, the next window
    expect(await page(a, "198.51.100.30")).toBe(404);
  });
});
