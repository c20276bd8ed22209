import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

import { type SigningKeyConfig } from "../config/load-config";
import { SigningKeyRing } from "./signing-key-ring";

/** A key that signs issued tokens from `activeFrom`, and its public half as published. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: PublishedJwk;
  /** Epoch ms from which it signs (0: from the start). */
  readonly activeFrom: number;
}

export interface PublishedJwk {
  readonly kty: string;
  readonly crv: string;
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: "ES256";
  readonly use: "sig";
}

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

/** The RFC 7638 thumbprint of a P-256 key's public half: the default `kid`. */
export function jwkThumbprint(privateKeyPem: string): string {
  const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: "jwk" });
  // RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash("sha256").update(canonical).digest("base64url");
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
