// IP addresses as sockets and proxy headers give them, made comparable: one text per address (IPv4
// dotted, IPv6 compressed and lower-case) so a person counts once whichever form reached us.
import { isIPv4, isIPv6 } from "node:net";

export interface IpAddress {
  text: string;
  family: "ipv4" | "ipv6";
}

/**
 * One address, or undefined when the text is not one. Takes what proxies write: `[v6]`, a `:port` after
 * an IPv4 or a bracketed IPv6, a `%zone`. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a
 * dual-stack socket reports an IPv4 peer) is the IPv4 address it carries.
 */
export function parseIp(raw: string): IpAddress | undefined {
  let s = raw.trim();
  if (s.startsWith("[")) {
    const end = s.indexOf("]");
    if (end < 0 || !/^(:\d{1,5})?$/.test(s.slice(end + 1))) return undefined;
    s = s.slice(1, end);
  } else if (/^[\d.]+:\d{1,5}$/.test(s)) {
    s = s.slice(0, s.lastIndexOf(":"));
  }
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (isIPv4(s)) return { text: s, family: "ipv4" };
  // A dual-stack socket's usual spelling, without the cost of parsing a URL (every request has one).
  if (/^::ffff:/i.test(s) && isIPv4(s.slice(7))) return { text: s.slice(7), family: "ipv4" };
  if (!isIPv6(s)) return undefined;
  const canonical = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return { text: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: "ipv4" };
  }
  return { text: canonical, family: "ipv6" };
}
