import ipaddr from "ipaddr.js";

/** Addresses that say nothing about where a person is: a proxy's, a private network's. */
const NOT_TELLING = new Set([
  "unspecified",
  "loopback",
  "private",
  "linkLocal",
  "uniqueLocal",
  "carrierGradeNat",
]);

/**
 * Whether the login page and the phone share a network (RFC 10027's cross-device check): the
 * same IPv4 /24 or IPv6 /48. Null when that cannot be told: an address missing, or one that
 * is private or loopback (a proxy's own, when `TRUST_PROXY` does not name it).
 */
export function sameNetwork(
  pageIp: string | undefined,
  phoneIp: string | undefined,
): boolean | null {
  const page = parsed(pageIp);
  const phone = parsed(phoneIp);
  if (!page || !phone) {
    return null;
  }
  if (page.kind() !== phone.kind()) {
    return false;
  }
  const prefix = page.kind() === "ipv4" ? 24 : 48;
  return page.match(phone, prefix);
}

function parsed(ip: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ip || !ipaddr.isValid(ip)) {
    return null;
  }
  const address = ipaddr.process(ip);
  return NOT_TELLING.has(address.range()) ? null : address;
}
