import { type IncomingMessage } from "node:http";

import { type Caller } from "../qrcode/caller";
import { type ApplicationDirectory, resolveCaller } from "../qrcode/resolve-caller";

const MAX_USER_AGENT_CHARS = 512;

/**
 * Tenancy resolved on first use, once, so its errors take the route's ordinary error path
 * (GraphQL's, or the REST facade's envelope). `appId` comes from the header each API reads:
 * `x-app-id`, or the Authing SDKs' `x-authing-app-id`.
 */
export function lazyCaller(
  applications: ApplicationDirectory,
  appId: string | undefined,
  headers: IncomingMessage["headers"],
  ip: string | undefined,
  appIdHeader?: string,
): () => Caller {
  let caller: Caller | undefined;
  return () =>
    (caller ??= resolveCaller(
      applications,
      appId,
      {
        origin: headerValue(headers.origin),
        userAgent: headerValue(headers["user-agent"])?.slice(0, MAX_USER_AGENT_CHARS),
        ip,
      },
      appIdHeader,
    ));
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
