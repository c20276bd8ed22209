import { type FastifyInstance } from "fastify";

import { type SigningKeyRing } from "../auth/signing-key-ring";
import { type Clock } from "../qrcode/clock";

/**
 * The public keys that verify issued tokens, for relying parties and gateways: as of now (a
 * rotation adds and retires keys as time passes). Cached by verifiers for at most 300 s, well
 * within how far ahead a next key is published.
 */
export function registerJwksRoute(app: FastifyInstance, keys: SigningKeyRing, clock: Clock): void {
  app.get("/.well-known/jwks.json", (_request, reply) => {
    void reply
      .header("cache-control", "public, max-age=300")
      .type("application/jwk-set+json")
      .send(JSON.stringify({ keys: keys.publishedAt(clock.now()) }));
  });
}
