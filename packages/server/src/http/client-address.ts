// The client's address, the one thing public pages are limited by. Behind a reverse proxy every
// request comes from the proxy's socket, so the client is read from the proxy's header (X-Forwarded-For
// or RFC 7239 Forwarded), walking from its right-hand end, the entry our nearest proxy wrote, past every
// hop we trust: entries further left are the client's own words. One header only: a proxy that manages
// one passes the other through as the client sent it.
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { parseIp, type IpAddress } from "./ip-address.ts";
import { trustsHop, type ProxyTrust } from "./proxy-trust.ts";

export type ForwardedHeader = "x-forwarded-for" | "forwarded";

export interface ProxySettings {
  trust: ProxyTrust;
  header: ForwardedHeader;
}

/** Splits on `sep` outside quoted strings (Forwarded values may quote a comma or a semicolon). */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === "\\") {
      current += ch + (text[++i] ?? "");
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** The `for=` of one Forwarded element (`for=192.0.2.1;proto=https`, `for="[2001:db8::1]:443"`). */
function forwardedFor(element: string): string | undefined {
  for (const pair of splitOutsideQuotes(element, ";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim().toLowerCase() !== "for") continue;
    const value = pair.slice(eq + 1).trim();
    const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(value);
    return quoted ? quoted[1]!.replace(/\\(.)/g, "$1") : value;
  }
  return undefined;
}

/**
 * The addresses a proxy header lists, left to right (the nearest proxy's entry last); undefined where an
 * entry is not an address (garbage, `unknown`, an obfuscated `_node`).
 */
export function forwardedChain(header: ForwardedHeader, value: string): (IpAddress | undefined)[] {
  return splitOutsideQuotes(value, ",").map((entry) => {
    const address = header === "forwarded" ? forwardedFor(entry) : entry;
    return address === undefined ? undefined : parseIp(address);
  });
}

/**
 * The client's address from the socket's peer and the proxy header: the first hop, walking from Koe
 * outwards, that is not a trusted proxy. An entry the walk must read that is not an address makes the
 * header worthless: the socket's peer is the answer then, as without a proxy setting.
 */
export function resolveClientAddress(
  socketAddress: string,
  headerValue: string | undefined,
  proxy: ProxySettings | undefined,
): string {
  const peer = parseIp(socketAddress);
  if (!peer) return socketAddress;
  if (!proxy || !headerValue) return peer.text;
  const chain = forwardedChain(proxy.header, headerValue);
  let current = peer;
  for (let hop = 0, i = chain.length - 1; i >= 0 && trustsHop(proxy.trust, current, hop); hop++, i--) {
    const next = chain[i];
    if (!next) return peer.text;
    current = next;
  }
  return current.text;
}

/** The client's address of a request; headers are believed only from the proxies `proxy` trusts. */
export function clientAddress(c: Context, proxy?: ProxySettings): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    return "local"; // app.request() in tests has no socket
  }
  if (!socketAddress) return "unknown";
  return resolveClientAddress(socketAddress, proxy && c.req.header(proxy.header), proxy);
}
