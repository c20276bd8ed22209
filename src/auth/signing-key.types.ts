import { type KeyObject } from "node:crypto";

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
