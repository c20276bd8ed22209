import { type IncomingMessage } from "node:http";

import { type Caller } from "../qrcode/caller";
import { type RequestOrigin } from "../qrcode/qrcode.types";
import { type ApplicationDirectory, resolveCaller } from "../qrcode/resolve-caller";

const MAX_USER_AGENT_CHARS = 512;

/**
 * Tenancy resolved on first use, once, so its errors take GraphQL's ordinary error path
 * (and `_service` needs no application).
 */
export function lazyCaller(
  applications: ApplicationDirectory,
  appId: string | undefined,
  headers: IncomingMessage["headers"],
  ip: string | undefined,
): () => Caller {
  let caller: Caller | undefined;
  return () => (caller ??= resolveCaller(applications, appId, requestOrigin(headers, ip)));
}

/** Where a request comes from, as a code records it and the scanner is shown it. */
export function requestOrigin(
  headers: IncomingMessage["headers"],
  ip: string | undefined,
): RequestOrigin {
  return {
    origin: headerValue(headers.origin),
    userAgent: headerValue(headers["user-agent"])?.slice(0, MAX_USER_AGENT_CHARS),
    ip,
  };
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
