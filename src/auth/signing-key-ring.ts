import { type PublishedJwk, type SigningKey } from "./signing-key.types";

/**
 * The signing keys by time. The one with the latest `activeFrom` not after now signs, chosen
 * at each signing, so replicas with the same config switch at the same instant without a
 * restart. Published (JWKS): every key not yet active, as soon as it is configured, so
 * verifiers that cache the JWKS have it before it signs; and every replaced key until
 * `retireAfterMs` after its successor took over, so the tokens it signed still verify.
 */
export class SigningKeyRing {
  private readonly keys: readonly SigningKey[];

  constructor(
    keys: readonly SigningKey[],
    private readonly retireAfterMs: number,
    /** True for the demo's key, made at start and gone at exit. */
    readonly ephemeral: boolean,
  ) {
    this.keys = [...keys].sort((a, b) => a.activeFrom - b.activeFrom);
  }

  /** The key that signs at `now`; before the first key's `activeFrom`, the first key. */
  signingAt(now: number): SigningKey {
    let signing = this.keys[0] as SigningKey;
    for (const key of this.keys) {
      if (key.activeFrom <= now) {
        signing = key;
      }
    }
    return signing;
  }

  /** The public keys to publish at `now`. */
  publishedAt(now: number): PublishedJwk[] {
    return this.keys
      .filter((key, index) => {
        const successor = this.keys[index + 1];
        return !successor || now < successor.activeFrom + this.retireAfterMs;
      })
      .map((key) => key.publicJwk);
  }

  /** Keys that start signing within `withinMs` of `now` (a rotation too close to warn of). */
  activatingWithin(now: number, withinMs: number): SigningKey[] {
    return this.keys.filter((key) => key.activeFrom > now && key.activeFrom - now < withinMs);
  }
}
