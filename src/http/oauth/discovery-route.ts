import { type FastifyInstance } from "fastify";

import { SCOPES_SUPPORTED } from "../../qrcode/device/device-authorization.service";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/**
 * OpenID Provider metadata (OIDC Discovery 1.0, RFC 8414): what an off-the-shelf OAuth client
 * reads to find the device and token endpoints and the keys. `issuer` is exactly the `iss` of
 * issued tokens. There is no authorization endpoint (logins start from a code, not a
 * redirect), so no response type is offered.
 */
export function registerDiscoveryRoute(app: FastifyInstance, publicUrl: string): void {
  const metadata = JSON.stringify({
    issuer: publicUrl,
    jwks_uri: `${publicUrl}/.well-known/jwks.json`,
    token_endpoint: `${publicUrl}/oauth/token`,
    device_authorization_endpoint: `${publicUrl}/oauth/device_authorization`,
    grant_types_supported: [DEVICE_CODE_GRANT],
    response_types_supported: [],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["ES256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    scopes_supported: SCOPES_SUPPORTED,
    claims_supported: ["iss", "sub", "aud", "exp", "iat", "name", "picture", "client_id"],
  });
  app.get("/.well-known/openid-configuration", (_request, reply) => {
    void reply
      .header("cache-control", "public, max-age=300")
      .type("application/json")
      .send(metadata);
  });
}
