import { describe, expect, it } from "vitest";
import { forwardedChain, resolveClientAddress, type ProxySettings } from "./client-address.ts";
import { parseIp } from "./ip-address.ts";
import { parseProxyTrust, trustsHop } from "./proxy-trust.ts";

const hops = (n: number, header: ProxySettings["header"] = "x-forwarded-for"): ProxySettings => ({
  trust: { hops: n },
  header,
});
const ranges = (list: string, header: ProxySettings["header"] = "x-forwarded-for"): ProxySettings => ({
  trust: parseProxyTrust(list)!,
  header,
});

describe("parseIp", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1", "ipv4"],
    [" 192.0.2.1 ", "192.0.2.1", "ipv4"],
    ["192.0.2.1:4711", "192.0.2.1", "ipv4"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1", "ipv6"],
    ["[2001:db8::1]", "2001:db8::1", "ipv6"],
    ["[2001:db8::1]:443", "2001:db8::1", "ipv6"],
    ["fe80::1%eth0", "fe80::1", "ipv6"],
    ["::1", "::1", "ipv6"],
    // How a dual-stack socket reports an IPv4 peer, in both spellings: the IPv4 address it is.
    ["::ffff:192.0.2.1", "192.0.2.1", "ipv4"],
    ["::FFFF:c000:0201", "192.0.2.1", "ipv4"],
    ["[::ffff:192.0.2.1]:80", "192.0.2.1", "ipv4"],
  ])("reads %j as %s", (raw, text, family) => {
    expect(parseIp(raw)).toEqual({ text, family });
  });

  it.each([
    "",
    "unknown",
    "_hidden",
    "192.0.2",
    "256.0.0.1",
    "01.2.3.4",
    "192.0.2.1:",
    "[::1",
    "[::1]x",
    "::1:80:zz",
    "a.b.c.d",
    "1.2.3.4/8",
  ])("refuses %j", (raw) => {
    expect(parseIp(raw)).toBeUndefined();
  });
});

describe("parseProxyTrust", () => {
  it("is off for an empty value, off, false, no and 0", () => {
    for (const off of ["", " ", "off", "false", "FALSE", "no", "0"])
      expect(parseProxyTrust(off)).toBeUndefined();
  });

  it("reads a hop count and a list of addresses, ranges, loopback and private", () => {
    expect(parseProxyTrust("2")).toEqual({ hops: 2 });
    const trust = parseProxyTrust("203.0.113.7, 10.0.0.0/8, 2001:db8:1::/48, loopback")!;
    const trusted = (a: string) => trustsHop(trust, parseIp(a)!, 5);
    expect(trusted("203.0.113.7")).toBe(true);
    expect(trusted("203.0.113.8")).toBe(false);
    expect(trusted("10.200.0.1")).toBe(true);
    expect(trusted("::ffff:10.200.0.1")).toBe(true);
    expect(trusted("11.0.0.1")).toBe(false);
    expect(trusted("2001:db8:1:ffff::1")).toBe(true);
    expect(trusted("2001:db8:2::1")).toBe(false);
    expect(trusted("127.0.0.1")).toBe(true);
    expect(trusted("::1")).toBe(true);
    const lan = parseProxyTrust("private")!;
    for (const a of ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fd00::1"])
      expect(trustsHop(lan, parseIp(a)!, 0), a).toBe(true);
    for (const a of ["172.32.0.1", "8.8.8.8", "2001:db8::1"])
      expect(trustsHop(lan, parseIp(a)!, 0), a).toBe(false);
  });

  it.each([
    "true",
    "*",
    "11",
    "10.0.0.0/33",
    "::/129",
    "10.0.0.0/",
    "10.0.0.0/8/8",
    "proxy.example.com",
    "10.0.0.0/8,",
  ])("refuses %j with a message", (setting) => {
    expect(() => parseProxyTrust(setting)).toThrow(/./);
  });
});

describe("forwardedChain", () => {
  it("reads X-Forwarded-For left to right", () => {
    expect(
      forwardedChain("x-forwarded-for", "203.0.113.9, 2001:db8::1 ,10.0.0.1:8080").map((a) => a?.text),
    ).toEqual(["203.0.113.9", "2001:db8::1", "10.0.0.1"]);
  });

  it("reads RFC 7239 Forwarded: for= among other pairs, quoted IPv6 with a port, any case", () => {
    const chain = forwardedChain(
      "forwarded",
      'for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711", proto=https;FOR=198.51.100.17',
    );
    expect(chain.map((a) => a?.text)).toEqual(["192.0.2.60", "2001:db8:cafe::17", "198.51.100.17"]);
  });

  it("marks what is not an address: unknown, obfuscated, missing for=, garbage", () => {
    expect(forwardedChain("forwarded", 'for=unknown, for="_gazonk", proto=https, for=192.0.2.1')).toEqual([
      undefined,
      undefined,
      undefined,
      { text: "192.0.2.1", family: "ipv4" },
    ]);
    expect(forwardedChain("x-forwarded-for", "nonsense, , 192.0.2.1")[0]).toBeUndefined();
  });

  it("keeps a comma inside a quoted value within its element", () => {
    expect(forwardedChain("forwarded", 'for=192.0.2.1;ext="a,b", for=192.0.2.2').map((a) => a?.text)).toEqual(
      ["192.0.2.1", "192.0.2.2"],
    );
  });
});

describe("resolveClientAddress", () => {
  it("ignores the headers when no proxy is trusted: a client cannot name itself", () => {
    expect(resolveClientAddress("198.51.100.20", "203.0.113.9", undefined)).toBe("198.51.100.20");
    expect(resolveClientAddress("::ffff:198.51.100.20", "203.0.113.9", undefined)).toBe("198.51.100.20");
  });

  it("with a hop count, takes the entry that many hops in, whatever the client wrote further left", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9", hops(1))).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", hops(1))).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.3", hops(2))).toBe("203.0.113.9");
    // Fewer entries than hops: the furthest one there is.
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9", hops(3))).toBe("203.0.113.9");
    // No header: the peer itself.
    expect(resolveClientAddress("10.0.0.2", undefined, hops(1))).toBe("10.0.0.2");
  });

  it("with ranges, walks from the right past trusted proxies to the first address that is not one", () => {
    const lan = ranges("10.0.0.0/8");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.1.1.1", lan)).toBe("203.0.113.9");
    // A peer outside the ranges is the client; its header is its own claim.
    expect(resolveClientAddress("198.51.100.20", "203.0.113.9", lan)).toBe("198.51.100.20");
    // Every hop trusted: the left-most.
    expect(resolveClientAddress("10.0.0.2", "10.9.9.9", lan)).toBe("10.9.9.9");
  });

  it("reads IPv6 and IPv4-mapped addresses on both sides", () => {
    const v6 = ranges("2001:db8:1::/48, 10.0.0.0/8");
    expect(resolveClientAddress("2001:db8:1::5", "2001:DB8:2::1", v6)).toBe("2001:db8:2::1");
    expect(resolveClientAddress("::ffff:10.0.0.2", "2001:db8:2::1", v6)).toBe("2001:db8:2::1");
    expect(resolveClientAddress("::ffff:10.0.0.2", "::ffff:203.0.113.9", v6)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:10.0.0.2", "[2001:db8:2::1]:443", hops(1))).toBe("2001:db8:2::1");
  });

  it("falls back to the socket's peer when an entry the walk must read is malformed", () => {
    for (const header of [
      "garbage",
      "203.0.113.9, garbage",
      "",
      " , ",
      "203.0.113.9,",
      "unknown",
      "999.1.1.1",
    ])
      expect(resolveClientAddress("10.0.0.2", header, hops(1)), header).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "garbage, 10.1.1.1", ranges("10.0.0.0/8"))).toBe("10.0.0.2");
    // Garbage left of the client is the client's own and never read.
    expect(resolveClientAddress("10.0.0.2", "garbage, 203.0.113.9", hops(1))).toBe("203.0.113.9");
  });

  it("reads Forwarded when that is the proxy's header", () => {
    const forwarded = hops(1, "forwarded");
    expect(resolveClientAddress("10.0.0.2", 'for="[2001:db8::7]:1234";proto=https', forwarded)).toBe(
      "2001:db8::7",
    );
    expect(resolveClientAddress("10.0.0.2", "for=6.6.6.6, for=203.0.113.9;by=10.0.0.2", forwarded)).toBe(
      "203.0.113.9",
    );
    expect(resolveClientAddress("10.0.0.2", "for=unknown", forwarded)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "proto=https", forwarded)).toBe("10.0.0.2");
  });
});
