import { type FastifyInstance } from "fastify";

import { type Stores } from "../qrcode/ports/stores.port";

/**
 * `/healthz`: the process answers. `/readyz`: it can also reach its store and is not draining
 * for a restart, so send it traffic. Draining answers 503 at once, while the replica still
 * serves, so a load balancer takes it out before its sockets close.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  readiness: () => Promise<Readiness>,
): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const status = await readiness();
    return reply.code(status === "ready" ? 200 : 503).send({ status });
  });
}

export type Readiness = "ready" | "draining" | "store unavailable";

/** What `/readyz` says, and the process's "ready" log waits for. */
export function readinessOf(
  stores: Pick<Stores, "ping">,
  draining: () => boolean,
): () => Promise<Readiness> {
  return async () => {
    if (draining()) {
      return "draining";
    }
    const reachable = await stores.ping().catch(() => false);
    return reachable ? "ready" : "store unavailable";
  };
}
