import { type FastifyInstance } from "fastify";

import { type SigningKey } from "../auth/signing-key";

/** The public keys that verify issued tokens, for relying parties and gateways. */
export function registerJwksRoute(app: FastifyInstance, key: SigningKey): void {
  const body = JSON.stringify({ keys: [key.publicJwk] });
  app.get("/.well-known/jwks.json", (_request, reply) => {
    void reply
      .header("cache-control", "public, max-age=300")
      .type("application/jwk-set+json")
      .send(body);
  });
}
