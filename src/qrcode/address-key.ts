import ipaddr from "ipaddr.js";

const DOTTED_IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The key a per-address limit counts a client under. An IPv6 client is its /64: one host, or
 * one home network, gets a whole /64 from its provider, and counting its 2^64 addresses apart
 * would let it pass any per-address limit by changing the last bits. An IPv4-mapped IPv6
 * address is the IPv4 address it maps.
 */
export function addressKey(ip: string | undefined): string {
  if (ip !== undefined && DOTTED_IPV4.test(ip)) {
    return ip; // as Node and proxy-addr spell IPv4: no parse on every request
  }
  if (ip === undefined || !ipaddr.isValid(ip)) {
    return "unknown";
  }
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") {
    return address.toString();
  }
  // The normalized form spells all eight groups, without leading zeros.
  const prefix = address.toNormalizedString().split(":").slice(0, 4);
  return `${prefix.join(":")}::/64`;
}
