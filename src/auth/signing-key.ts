import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

import { type SigningKeyConfig } from "../config/load-config";

/** The key that signs issued tokens, and its public half as published in the JWKS. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: PublishedJwk;
  /** True for the demo's key, made at start and gone at exit. */
  readonly ephemeral: boolean;
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

/** The configured key, or a fresh P-256 key when none is configured (tokens then die with the
 * process, which is fine for the demo and wrong for anything else: the caller warns). */
export function loadSigningKey(config: SigningKeyConfig | undefined): SigningKey {
  if (config) {
    return fromPrivateKey(createPrivateKey(config.privateKeyPem), config.kid, false);
  }
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const kid = `ephemeral-${Date.now().toString(36)}`;
  return fromPrivateKey(privateKey, kid, true);
}

function fromPrivateKey(privateKey: KeyObject, kid: string, ephemeral: boolean): SigningKey {
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  return {
    kid,
    privateKey,
    publicJwk: {
      kty: String(jwk.kty),
      crv: String(jwk.crv),
      x: String(jwk.x),
      y: String(jwk.y),
      kid,
      alg: "ES256",
      use: "sig",
    },
    ephemeral,
  };
}
