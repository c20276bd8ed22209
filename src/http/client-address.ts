import { type IncomingMessage } from "node:http";

import proxyAddr from "@fastify/proxy-addr";

import { type TrustProxy } from "../config/trust-proxy";

export type TrustFunction = (address: string, hop: number) => boolean;

export function trustFunction(trust: TrustProxy): TrustFunction | false {
  switch (trust.kind) {
    case "none":
      return false;
    case "hops":
      // hop 0 is the socket's peer: trusting `hops` of them takes the entry the last one added.
      return (_address, hop) => hop < trust.hops;
    case "addresses":
      return proxyAddr.compile([...trust.addresses]);
  }
}

/** The client's address by the same rule Fastify applies to HTTP requests (for WebSockets). */
export function clientAddress(
  request: IncomingMessage,
  trust: TrustFunction | false,
): string | undefined {
  return trust ? proxyAddr(request, trust) : request.socket.remoteAddress;
}
