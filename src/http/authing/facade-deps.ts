import { type FastifyRequest } from "fastify";

import { type SchemaServices } from "../../graphql/context";
import { type Caller } from "../../qrcode/caller";
import { type Clock } from "../../qrcode/clock";
import { type ApplicationDirectory, resolveCaller } from "../../qrcode/resolve-caller";
import { parseAuthorization } from "../authorization-header";
import { headerValue, requestOrigin } from "../request-caller";

/** What the facade's routes call: the same services GraphQL's resolvers call. */
export interface FacadeDeps {
  readonly services: SchemaServices;
  readonly applications: ApplicationDirectory;
  readonly clock: Clock;
  /** The QR code types the server runs (its channels), for the request schemas. */
  readonly types: readonly string[];
}

const APP_HEADER = "x-authing-app-id";

/** The Authing SDKs name the application with `x-authing-app-id` (the v3 SDK's only header). */
export function authingCaller(deps: FacadeDeps, request: FastifyRequest): Caller {
  const appId = headerValue(request.headers[APP_HEADER]);
  return resolveCaller(
    deps.applications,
    appId,
    requestOrigin(request.headers, request.ip),
    APP_HEADER,
  );
}

/**
 * The scanner's token as the SDKs send it: `Bearer <token>` (v2), or the token itself (the
 * node SDK's `setAccessToken`). Basic credentials are an application's, never a scanner's.
 */
export function scannerToken(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value || /^basic\s/i.test(value)) {
    return undefined;
  }
  return parseAuthorization(value).bearerToken ?? value;
}
