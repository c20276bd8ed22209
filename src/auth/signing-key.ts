import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

import { type SigningKeyConfig } from "../config/load-config";
import { type SigningKey } from "./signing-key.types";
import { SigningKeyRing } from "./signing-key-ring";

export { type PublishedJwk, type SigningKey } from "./signing-key.types";

/**
 * The configured keys, or one fresh P-256 key when none is configured (tokens then die with the
 * process, which is fine for the demo and wrong for anything else: the caller warns).
 * `retireAfterMs`: how long a replaced key stays published after its successor took over.
 */
export function loadSigningKeys(
  configs: readonly SigningKeyConfig[] | undefined,
  retireAfterMs: number,
): SigningKeyRing {
  if (configs?.length) {
    const keys = configs.map((config) =>
      fromPrivateKey(createPrivateKey(config.privateKeyPem), config.kid, config.activeFrom),
    );
    return new SigningKeyRing(keys, retireAfterMs, false);
  }
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const key = fromPrivateKey(privateKey, `ephemeral-${Date.now().toString(36)}`, 0);
  return new SigningKeyRing([key], retireAfterMs, true);
}

function fromPrivateKey(privateKey: KeyObject, kid: string, activeFrom: number): SigningKey {
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  return {
    kid,
    privateKey,
    activeFrom,
    publicJwk: {
      kty: String(jwk.kty),
      crv: String(jwk.crv),
      x: String(jwk.x),
      y: String(jwk.y),
      kid,
      alg: "ES256",
      use: "sig",
    },
  };
}
