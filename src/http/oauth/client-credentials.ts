import { type FastifyRequest } from "fastify";

import { AppError } from "../../errors/app-error";
import { type ClientCredentials } from "../../qrcode/client-auth";
import { parseAuthorization } from "../authorization-header";

export interface OAuthClient {
  readonly clientId: string | undefined;
  readonly credentials: ClientCredentials;
  /** Whether the client tried HTTP Basic (its failure then answers `WWW-Authenticate`). */
  readonly basic: boolean;
}

/** RFC 6749 §2.3.1: `client_secret_basic` or `client_secret_post`, never both; a public
 * client names itself with `client_id` alone. */
export function oauthClientOf(request: FastifyRequest, form: Record<string, string>): OAuthClient {
  const { basic } = parseAuthorization(request.headers.authorization);
  if (basic) {
    if (form.client_secret !== undefined) {
      throw new AppError(
        "CLIENT_AUTH_FAILED",
        "authenticate with HTTP Basic or client_secret, not both",
        {
          field: "client_secret",
        },
      );
    }
    if (form.client_id !== undefined && form.client_id !== basic.clientId) {
      throw new AppError("CLIENT_AUTH_FAILED", "client_id differs from the HTTP Basic user", {
        field: "client_id",
      });
    }
    return { clientId: basic.clientId, credentials: basic, basic: true };
  }
  return {
    clientId: form.client_id,
    credentials: { clientId: form.client_id, clientSecret: form.client_secret },
    basic: false,
  };
}
