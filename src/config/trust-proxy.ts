import { isIP } from "node:net";

import { ConfigError } from "./config-error";

/**
 * Which peers may speak for the client in `X-Forwarded-For` (`TRUST_PROXY`): none, the nearest
 * `hops` proxies, or proxies at the given addresses and CIDRs. Never "everyone": the leftmost
 * entry of the header is whatever the client wrote, so believing it hands the client its own
 * address (rate limits bypassed, and the scanner shown an IP of the attacker's choosing).
 */
export type TrustProxy =
  | { readonly kind: "none" }
  | { readonly kind: "hops"; readonly hops: number }
  | { readonly kind: "addresses"; readonly addresses: readonly string[] };

const NAMED_RANGES = ["loopback", "linklocal", "uniquelocal"];

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "false" || value === "0") {
    return { kind: "none" };
  }
  if (value === "true") {
    throw new ConfigError(
      'TRUST_PROXY: "true" would believe any client-written X-Forwarded-For; give the number of proxies in front of the service (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.0/8,loopback)',
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) {
      throw new ConfigError(`TRUST_PROXY: at most 10 proxy hops, got ${hops}`);
    }
    return { kind: "hops", hops };
  }
  const addresses = value.split(",").map((entry) => entry.trim());
  for (const address of addresses) {
    const [ip, bits, extra] = address.split("/");
    const valid =
      NAMED_RANGES.includes(address) ||
      (extra === undefined &&
        ip !== undefined &&
        isIP(ip) !== 0 &&
        (bits === undefined ||
          (/^\d+$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128))));
    if (!valid) {
      throw new ConfigError(
        `TRUST_PROXY: "${address}" is not a hop count, an IP address, a CIDR or one of ${NAMED_RANGES.join(", ")}`,
      );
    }
  }
  return { kind: "addresses", addresses };
}
