// A device login as any OAuth client does it, with openid-client (v6, ESM only, so it runs in
// a Node process of its own): discovery, device authorization, then polls until tokens or an
// error. Prints one JSON line per step: {"step":"authorized",...} once the device code is
// issued, then {"step":"done",...} or {"step":"error",...}.
// Usage: node oidc-device-client.mjs <issuer> <client_id> [client_secret] [basic|post]
/* global AbortSignal */
import { URL } from "node:url";

import * as client from "openid-client";

const [issuer, clientId, clientSecret, method = "basic"] = process.argv.slice(2);
const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

try {
  const auth = !clientSecret
    ? client.None()
    : method === "post"
      ? client.ClientSecretPost(clientSecret)
      : client.ClientSecretBasic(clientSecret);
  const config = await client.discovery(new URL(issuer), clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  });
  const device = await client.initiateDeviceAuthorization(config, { scope: "openid profile" });
  say({ step: "authorized", device, metadata: config.serverMetadata() });
  // openid-client gives up at expires_in on its own clock; a few seconds more lets it hear the
  // server say expired_token, which is what the test checks.
  const tokens = await client.pollDeviceAuthorizationGrant(config, device, undefined, {
    signal: AbortSignal.timeout((device.expires_in + 5) * 1000),
  });
  say({ step: "done", tokens, claims: tokens.claims() });
} catch (error) {
  // A 401 with a WWW-Authenticate challenge comes as a challenge error carrying the response.
  const response = error.response;
  const body = response ? await response.json().catch(() => undefined) : undefined;
  say({
    step: "error",
    name: error.name,
    error: error.error ?? body?.error,
    status: error.status,
    code: error.code,
    message: error.message,
  });
}
