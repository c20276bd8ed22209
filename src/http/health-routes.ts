import { type FastifyInstance } from "fastify";

import { type Stores } from "../qrcode/ports/stores.port";

/**
 * `/healthz`: the process answers. `/readyz`: it can also reach its store and is not draining
 * for a restart, so send it traffic. Draining answers 503 at once, while the replica still
 * serves, so a load balancer takes it out before its sockets close.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  stores: Pick<Stores, "ping">,
  draining: () => boolean,
): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    if (draining()) {
      return reply.code(503).send({ status: "draining" });
    }
    const ready = await stores.ping().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "store unavailable" });
  });
}
