import { type FastifyInstance } from "fastify";

import { type SessionStore } from "../qrcode/ports/session-store.port";

/** `/healthz`: the process answers. `/readyz`: it can also reach its store, so send it traffic. */
export function registerHealthRoutes(app: FastifyInstance, store: SessionStore): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const ready = await store.ping().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "store unavailable" });
  });
}
