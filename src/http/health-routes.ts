import { type FastifyInstance } from "fastify";

import { type Stores } from "../qrcode/ports/stores.port";

/** `/healthz`: the process answers. `/readyz`: it can also reach its store, so send it traffic. */
export function registerHealthRoutes(app: FastifyInstance, stores: Pick<Stores, "ping">): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const ready = await stores.ping().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "store unavailable" });
  });
}
