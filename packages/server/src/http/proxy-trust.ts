// Which reverse proxies may tell us a client's address (KOE_TRUST_PROXY): a number of hops in front of
// Koe, or the proxies' own addresses as a list of IPs and CIDR ranges. Anything else that connects is a
// client, whatever headers it sends.
import { BlockList } from "node:net";
import { parseIp, type IpAddress } from "./ip-address.ts";

export type ProxyTrust = { hops: number } | { ranges: BlockList };

const named: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/**
 * The setting read: empty, `off`, `false` or `0` trust nothing; `1`…`10` the hops nearest Koe;
 * otherwise a comma-separated list of addresses, CIDR ranges, `loopback` and `private`.
 * Throws an Error whose message says what is wrong.
 */
export function parseProxyTrust(setting: string): ProxyTrust | undefined {
  const text = setting.trim().toLowerCase();
  if (["", "off", "false", "0", "no"].includes(text)) return undefined;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error("a hop count must be between 1 and 10");
    return { hops };
  }
  // Trusting every peer would take the left-most address, which the client itself writes.
  if (text === "true" || text === "*" || text === "all")
    throw new Error("give the number of proxies in front of Koe or their addresses, not 'trust all'");
  const ranges = new BlockList();
  for (const entry of text.split(",").map((e) => e.trim())) {
    for (const range of named[entry] ?? [entry]) {
      const [address = "", prefix, extra] = range.split("/");
      const ip = parseIp(address);
      const bits = prefix === undefined ? undefined : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      const max = ip?.family === "ipv4" ? 32 : 128;
      if (!ip || extra !== undefined || (bits !== undefined && !(bits <= max)))
        throw new Error(`"${entry}" is not an address, a CIDR range, loopback or private`);
      if (bits === undefined) ranges.addAddress(ip.text, ip.family);
      else ranges.addSubnet(ip.text, bits, ip.family);
    }
  }
  return { ranges };
}

/** Whether the address seen `hop` steps from Koe (0: the socket's peer) is a proxy we trust. */
export function trustsHop(trust: ProxyTrust, address: IpAddress, hop: number): boolean {
  return "hops" in trust ? hop < trust.hops : trust.ranges.check(address.text, address.family);
}
